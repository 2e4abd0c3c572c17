"""Fixtures for the sign-in tests (ADM-5): a real OpenID Connect provider on loopback, started in a
subprocess (tests/accounts/oidc_provider), and the service configured to use it."""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "pec-governance-test"
CLIENT_SECRET = "a-test-client-secret-for-loopback-only"
PROVIDER_PASSWORD = "provider-password-1"
# People the identity provider knows. Only "lead" has an account in the service (by email).
PEOPLE = [
    {"username": "hmarsh", "email": "lead@example.nhs.uk", "password": PROVIDER_PASSWORD},
    {"username": "stranger", "email": "stranger@example.nhs.uk", "password": PROVIDER_PASSWORD},
]


@dataclass(frozen=True)
class Provider:
    base_url: str

    @property
    def server_url(self) -> str:
        return f"{self.base_url}/o"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(provider: Provider, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the test identity provider stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{provider.server_url}/.well-known/openid-configuration", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the test identity provider did not start:\n{log.read_text()}")


@pytest.fixture
def start_provider(tmp_path: Path, settings: Any) -> Iterator[Callable[[list[str]], Provider]]:
    """start_provider([redirect URI, ...]) starts the provider and points the service at it."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(redirect_uris: list[str]) -> Provider:
        port = free_port()
        config = tmp_path / f"provider-{port}.json"
        config.write_text(
            json.dumps(
                {
                    "port": port,
                    "database": str(tmp_path / f"provider-{port}.sqlite3"),
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": redirect_uris,
                    "people": PEOPLE,
                }
            )
        )
        log = tmp_path / f"provider-{port}.log"
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.accounts.oidc_provider.boot", str(config)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        processes.append(process)
        provider = Provider(f"http://127.0.0.1:{port}")
        _wait_until_up(provider, process, log)
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], provider.base_url]
        settings.CONTENT_SECURITY_POLICY = policy  # as settings.py does for PECGOV_OIDC_SERVER_URL
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "nhs",
                        "name": "NHSmail",
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {
                            "server_url": provider.server_url,
                            "token_auth_method": "client_secret_post",
                        },
                    }
                ],
            }
        }
        return provider

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
