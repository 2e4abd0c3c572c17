"""The mixed run's request stream and its wrk table (bench/mixed.py), without a server:

    .venv/bin/pytest bench/test_mixed.py -p no:xdist

X-1 to X-4 at national scale: the mix is what many users of several trusts do at once.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mixed import lua_table, stream


def _doc(trusts: int = 5, users: int = 10) -> dict[str, Any]:
    return {
        "trusts": [
            {
                "trust": {"ods_code": f"T{t}"},
                "users": [
                    {
                        "role": "lead" if u == 0 else "member",
                        "cookie": f"s=t{t}u{u}",
                        "script": [f"/a{t}", f"/b{t}"],
                    }
                    for u in range(users)
                ],
                "public": [f"/register?trust=T{t}", f"/register?trust=T{t}&page=2"],
            }
            for t in range(trusts)
        ]
    }


def test_one_request_in_five_is_signed_out_and_every_user_follows_their_script() -> None:
    """X-1: 50 users, 8 rounds: each user opens each page of their own trust's script, and one
    request in five is a signed-out register page of one of the trusts."""
    requests = stream(_doc(), rounds=8, anonymous_every=5, seed=1)
    signed_in = [(p, c) for p, c in requests if c]
    signed_out = [p for p, c in requests if not c]
    assert len(signed_in) == 400
    assert len(signed_out) == 100
    per_user = Counter(c for _, c in signed_in)
    assert set(per_user.values()) == {8}
    for path, cookie in signed_in:
        trust = cookie.split("t")[1].split("u")[0]
        assert path in {f"/a{trust}", f"/b{trust}"}  # nobody opens another trust's pages
    assert set(signed_out) == {p for t in _doc()["trusts"] for p in t["public"]}


def test_the_stream_is_the_same_for_the_same_seed() -> None:
    """X-2: runs compare like with like: the same seed gives the same stream."""
    assert stream(_doc(), 4, 5, seed=7) == stream(_doc(), 4, 5, seed=7)
    assert stream(_doc(), 4, 5, seed=7) != stream(_doc(), 4, 5, seed=8)


def test_the_wrk_table_quotes_paths_and_cookies(tmp_path: Path) -> None:
    """X-4: a path or cookie with a quote or backslash cannot break the Lua table."""
    out = tmp_path / "t.lua"
    lua_table([('/p?q="x"', "a=b\\c"), ("/r", "")], out)
    text = out.read_text()
    assert text.startswith("return {")
    assert '{"/p?q=\\"x\\"", "a=b\\\\c"}' in text
    assert '{"/r", ""}' in text
