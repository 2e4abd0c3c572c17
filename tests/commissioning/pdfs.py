"""A small file that passes the upload check for a real PDF (header, an object, xref, %%EOF)."""


def real_pdf(note: bytes = b"a business case") -> bytes:
    return (
        b"%PDF-1.4\n% " + note + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    )
