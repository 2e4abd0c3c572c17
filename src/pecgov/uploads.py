"""Checking an uploaded document against the policy's type and size limits (MTG-1, PBC-1).

Papers and business-case documents share the `papers.*` parameters, so a trust sets
its limits once. A broken rule raises DomainError keyed by `field` and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from pecgov.errors import DomainError
from pecgov.policy.services import EffectivePolicy


def check_upload(
    policy: EffectivePolicy, upload: UploadedFile | None, *, field: str = "upload", noun: str = "paper"
) -> str:
    """Return the file's extension if the upload is allowed; otherwise say why not."""
    if upload is None:
        raise DomainError({field: "Select a file to upload"})
    allowed = [e.strip().lower() for e in str(policy["papers.allowed_extensions"]).split(",") if e.strip()]
    extension = Path(upload.name or "").suffix.lower().lstrip(".")
    if extension not in allowed:
        raise DomainError({field: f"The {noun} must be one of these file types: {', '.join(allowed)}"})
    limit = policy["papers.max_megabytes"]
    limit_mb = limit if isinstance(limit, int) else 0
    if upload.size is None or upload.size == 0:
        raise DomainError({field: "The selected file is empty"})
    if upload.size > limit_mb * 1024 * 1024:
        raise DomainError({field: f"The {noun} must be smaller than {limit_mb}MB"})
    if extension == "pdf":
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise DomainError({field: "The file is not a real PDF"})
    return extension
