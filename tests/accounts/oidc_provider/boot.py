"""Start the test identity provider: `python -m tests.accounts.oidc_provider.boot CONFIG.json`.

The config names the port, the database file, the client (id, secret, redirect URIs) and the
people who can sign in. A new RSA key is made at each start; nothing is reused between runs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def new_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def main(config_path: str) -> None:
    config = json.loads(Path(config_path).read_text())
    os.environ["OIDC_PROVIDER_DB"] = config["database"]
    os.environ["OIDC_PROVIDER_KEY"] = new_key()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.accounts.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for person in config["people"]:
        get_user_model().objects.create_user(
            username=person["username"], email=person["email"], password=person["password"]
        )
    Application.objects.create(
        name="PEC Governance",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(config["redirect_uris"]),
        skip_authorization=True,
        algorithm=Application.RS256_ALGORITHM,
    )
    call_command("runserver", f"127.0.0.1:{config['port']}", use_reloader=False, skip_checks=True)


if __name__ == "__main__":
    main(sys.argv[1])
