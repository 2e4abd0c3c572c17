"""Uploads: the content must be what the name says, without scripts or macros, and a request
too big for any upload is refused before it is read (ASVS 5.0 5.2; MTG-1, PBC-1)."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.errors import DomainError
from pecgov.uploads import check_upload, content_problem, largest_upload_bytes

POLICY: Any = {"papers.allowed_extensions": "pdf,docx,odt,xlsx,csv,txt", "papers.max_megabytes": 20}
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + b"\x00" * 200
    + b"This program cannot be run in DOS mode"
)


def pdf(*objects: bytes) -> bytes:
    body = b"%PDF-1.4\n"
    for number, obj in enumerate(objects or (b"<< /Type /Catalog /Pages 2 0 R >>",), start=1):
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    return body + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


def ooxml(main: str = "word/document.xml", *extra: str, types: bytes = b"<Types/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr(main, "<document/>")
        for name in extra:
            package.writestr(name, "x")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("paper.pdf", pdf()),
        ("paper.docx", ooxml()),
        ("sheet.xlsx", ooxml("xl/workbook.xml")),
        ("notes.txt", "Minutes of the PEC, café and £ signs\n".encode()),
        ("rows.csv", b"name,value\nClinic,100\n"),
    ],
)
def test_real_files_of_each_type_are_accepted(name: str, content: bytes) -> None:
    assert check_upload(POLICY, upload(name, content)) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"%PDF-" + EXECUTABLE, "is not a real PDF"),
        (
            "cv.pdf",
            pdf(b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"),
            "script",
        ),
        ("cv.pdf", pdf(b"<< /OpenAction << /S /Launch /F (cmd.exe) >> >>"), "script"),
        ("cv.pdf", pdf(b"<< /OpenAction << /S /J#61vaScript /JS (x) >> >>"), "script"),
        (
            "cv.pdf",
            pdf(
                b"<< /Filter /FlateDecode >>\nstream\n"
                + zlib.compress(b"/JS (app.alert(1))")
                + b"\nendstream"
            ),
            "script",
        ),
        ("cv.docx", EXECUTABLE, "is not a real .docx file"),
        ("cv.docx", ooxml("word/other.xml"), "is not a real .docx file"),
        ("cv.docx", ooxml("word/document.xml", "word/vbaProject.bin"), "contains macros"),
        (
            "cv.docx",
            ooxml(types=b"<Types>application/vnd.ms-word.document.macroEnabled.main+xml</Types>"),
            "macros",
        ),
        ("cv.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "web page"),
        ("cv.txt", b"plain words then <script>alert(1)</script>", "web page"),
        ("cv.txt", b"text with a \x00 null", "not a plain text file"),
        ("cv.txt", b"\xff\xfe\x00latin", "UTF-8"),
    ],
)
def test_bad_files_are_refused_with_what_is_wrong(name: str, content: bytes, message: str) -> None:
    with pytest.raises(DomainError) as refused:
        check_upload(POLICY, upload(name, content), field="cv", noun="CV")

    assert list(refused.value.errors) == ["cv"]
    assert message in refused.value.errors["cv"][0]


def test_an_odt_must_say_it_is_one() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<x/>")

    assert content_problem("odt", buffer.getvalue()) == "is not a real .odt file"


def test_a_request_bigger_than_any_upload_is_refused_before_it_is_read(client: Any, db: Any) -> None:
    too_big = largest_upload_bytes() + 1

    response = client.post(
        "/account/register/", data=b"", content_type="text/plain", CONTENT_LENGTH=str(too_big)
    )

    assert response.status_code == 413
    assert "too big" in response.content.decode()


def test_the_request_cap_follows_the_packs_largest_upload() -> None:
    assert largest_upload_bytes() == (50 + 1) * 1024 * 1024
