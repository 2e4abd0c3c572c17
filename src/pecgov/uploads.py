"""Checking an uploaded document against the policy's types and size, and its content (MTG-1,
PBC-1, X-4; ASVS 5.0 5.2).

Papers, business-case documents and CVs share the `papers.*` parameters, so a trust sets its
limits once. A broken rule raises DomainError keyed by `field` and nothing is saved.

The name's extension is only a claim: the content must be what it says. A PDF must have the
shape of a PDF and carry no script or launch action (even inside compressed streams); a
Word, Excel or PowerPoint file must be a real Office Open XML package without macros; an
OpenDocument file a real ODF package without macros; text must be UTF-8 text, not markup.
`BodySizeLimitMiddleware` refuses a request too big for any upload before it is read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from pecgov.errors import DomainError
from pecgov.policy.packs import load_packs
from pecgov.policy.services import EffectivePolicy

# A package may not unpack to more than this many times its size, or 500 MB (zip bombs).
_MAX_RATIO = 100
_MAX_UNPACKED = 500 * 1024 * 1024

_OOXML_MAIN = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# PDF actions that run something: script, launching a program, embedded files and media.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b")
_PDF_HEX_NAME = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.DOTALL)
_MARKUP = re.compile(r"^\s*<\s*(!doctype\s+html|html|head|body|script|svg|\?xml|iframe)\b", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


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
    upload.seek(0)
    content = b"".join(upload.chunks())
    upload.seek(0)
    problem = content_problem(extension, content)
    if problem:
        raise DomainError({field: f"The {noun} {problem}"})
    return extension


def content_problem(extension: str, content: bytes) -> str | None:
    """Why `content` is not a safe file of type `extension` (the end of a sentence), or None."""
    checker = _CHECKERS.get(extension)
    return checker(content) if checker else None


def _pdf_problem(content: bytes) -> str | None:
    not_pdf = "is not a real PDF"
    if not re.match(rb"%PDF-[12]\.\d", content[:16]):
        return not_pdf
    if (
        b"%%EOF" not in content[-2048:]
        or b"startxref" not in content
        or not re.search(rb"\d+\s+\d+\s+obj\b", content)
    ):
        return not_pdf
    if content[:2] == b"MZ" or b"\x7fELF" in content[:64]:
        return not_pdf
    parts = [content]
    for stream in _PDF_STREAM.findall(content):
        try:
            parts.append(zlib.decompressobj().decompress(stream, 50 * 1024 * 1024))
        except zlib.error:
            continue
    for part in parts:
        names = _PDF_HEX_NAME.sub(lambda m: bytes([int(m.group(1), 16)]), part)
        if _PDF_ACTIVE.search(names):
            return "contains a script or an action that runs something: save it again as a plain PDF"
    return None


def _package(content: bytes) -> zipfile.ZipFile | None:
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return None
    if unpacked > min(_MAX_UNPACKED, max(len(content), 1) * _MAX_RATIO):
        return None
    return package


def _ooxml(extension: str) -> Callable[[bytes], str | None]:
    def check(content: bytes) -> str | None:
        package = _package(content)
        names = set(package.namelist()) if package else set()
        if package is None or "[Content_Types].xml" not in names or _OOXML_MAIN[extension] not in names:
            return f"is not a real .{extension} file"
        types = package.read("[Content_Types].xml").lower()
        if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroenabled" in types:
            return "contains macros: save it again without macros"
        return None

    return check


def _odf(extension: str) -> Callable[[bytes], str | None]:
    def check(content: bytes) -> str | None:
        package = _package(content)
        names = set(package.namelist()) if package else set()
        if package is None or "mimetype" not in names or "content.xml" not in names:
            return f"is not a real .{extension} file"
        if package.read("mimetype").strip().decode("ascii", "replace") != _ODF_TYPES[extension]:
            return f"is not a real .{extension} file"
        if any(n.startswith(("Basic/", "Scripts/")) for n in names):
            return "contains macros: save it again without macros"
        return None

    return check


def _text_problem(content: bytes) -> str | None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not a text file saved as UTF-8"
    if _CONTROL.search(text):
        return "is not a plain text file"
    if _MARKUP.search(text) or re.search(r"<\s*script\b", text, re.IGNORECASE):
        return "is a web page or markup, not plain text"
    return None


_CHECKERS: dict[str, Callable[[bytes], str | None]] = {
    "pdf": _pdf_problem,
    **{ext: _ooxml(ext) for ext in _OOXML_MAIN},
    **{ext: _odf(ext) for ext in _ODF_TYPES},
    "txt": _text_problem,
    "csv": _text_problem,
}


@cache
def largest_upload_bytes() -> int:
    """The most any policy pack lets a trust allow for one upload (its `maximum`, else its
    value), plus a megabyte for the rest of the form."""
    largest = 0
    for pack in load_packs().values():
        parameter = pack.parameters["papers.max_megabytes"]
        value = parameter.maximum if parameter.maximum is not None else parameter.value
        largest = max(largest, value if isinstance(value, int) else 0)
    return (largest + 1) * 1024 * 1024


class BodySizeLimitMiddleware:
    """Refuse a request whose declared body is bigger than any upload may be, before it is read
    (413), rather than stream 200 MB and then say no."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = largest_upload_bytes()
        if length <= limit:
            return self.get_response(request)
        message = f"What you sent is too big. A file must be smaller than {limit // (1024 * 1024) - 1}MB."
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        context = {"title": "The file is too big", "status": 413, "message": message}
        return render(request, "ui/error.jinja", context, status=413)
