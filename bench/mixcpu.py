"""The mixed run's request stream replayed in this process, timed in CPU: what a write in one of
the measured trusts costs the page cache, whatever else the machine is doing.

`make bench MIX=1` measures latency and throughput on a real server, which a busy machine
distorts. This replays the same 500-request stream (bench/mixed.py `stream`, the same 50 users
and signed-out readers from bench/mixpages.py) through Django's test client with the page cache
on, and counts with `time.process_time`:

1. **kept**: one pass when every page is kept: CPU per request (all hits);
2. **after a write**: for each of the measured trusts, its data version moved as a committed
   write in it moves it (`ui.dataversion.bump`), then one pass: the pages rendered again
   (misses) and the CPU the pass took. The sum over the trusts, divided by their number, is the
   cost of one write landing in a measured trust.

3. **writes elsewhere**: one pass with a committed write's version move in a trust that is not
   measured before every `--every` requests (25: about what one server process answers between
   two of 10 writes/s): nothing on these users' pages changed, so every answer should stay a kept
   page at the kept pass's CPU. Anything a request does that any write anywhere throws away
   (a memo keyed on the whole site's version) shows here.

From these: at R writes/s spread over all N trusts, the measured trusts take R x T / N of them;
the CPU a second of the mix needs at a given request rate follows. Prints one JSON document.

    PECGOV_BENCH=1 DATABASE_URL=sqlite:///var/bench-national.sqlite3 .venv/bin/python bench/mixcpu.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from mixed import stream
from mixpages import largest_trusts, trust_users


def cookies(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(";") if "=" in part)


def play(clients: dict[str, Any], requests: list[tuple[str, str]]) -> dict[str, Any]:
    hits = misses = other = 0
    started = time.process_time()
    for path, cookie in requests:
        response = clients[cookie].get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        state = response.get("X-Page-Cache")
        hits += state == "hit"
        misses += state == "miss"
        other += state is None
    spent = time.process_time() - started
    return {
        "requests": len(requests),
        "cpu_s": round(spent, 3),
        "cpu_ms_per_request": round(spent * 1000 / len(requests), 3),
        "hits": hits,
        "misses": misses,
        "not_kept": other,
    }


def play_with_writes_elsewhere(
    clients: dict[str, Any], requests: list[tuple[str, str]], trust_id: int, every: int
) -> dict[str, Any]:
    """The stream with a write's version move in `trust_id` before every `every` requests."""
    from pecgov.ui import dataversion

    out: dict[str, Any] = {"every": every, "requests": 0, "cpu_s": 0.0, "hits": 0, "misses": 0}
    for start in range(0, len(requests), every):
        dataversion._pending("default").trusts.add(trust_id)  # as a committed write there records
        dataversion.bump()
        part = play(clients, requests[start : start + every])
        for name in ("requests", "cpu_s", "hits", "misses"):
            out[name] += part[name]
    out["cpu_ms_per_request"] = round(out["cpu_s"] * 1000 / out["requests"], 3)
    out["cpu_s"] = round(out["cpu_s"], 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--trusts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2007)
    parser.add_argument("--passes", type=int, default=2, help="kept passes timed (1-10)")
    parser.add_argument("--every", type=int, default=25, help="requests between writes elsewhere (1-500)")
    args = parser.parse_args()
    if not 1 <= args.trusts <= 20 or not 1 <= args.passes <= 10 or not 1 <= args.every <= 500:
        raise SystemExit("--trusts 1-20, --passes 1-10, --every 1-500")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    os.environ["PECGOV_BENCH"] = "1"
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from pecgov.trust.enums import OrganisationKind
    from pecgov.trust.models import Organisation
    from pecgov.ui import dataversion, pagecache

    if not settings.PAGE_CACHE:
        raise SystemExit("The page cache is off (PECGOV_PAGE_CACHE=0): nothing to measure")
    doc = {"trusts": [trust_users(t) for t in largest_trusts(args.trusts)]}
    requests = stream(doc, rounds=8, anonymous_every=5, seed=args.seed)
    clients: dict[str, Any] = {}
    for _, cookie in requests:
        if cookie not in clients:
            clients[cookie] = Client()
            clients[cookie].cookies.load(cookies(cookie))
    pagecache.forget()
    play(clients, requests)  # renders, and sets any CSRF cookie a page's forms need
    play(clients, requests)  # keeps what the first pass could not
    kept = [play(clients, requests) for _ in range(args.passes)]
    measured = [t["trust"]["id"] for t in doc["trusts"]]
    other = Organisation.objects.filter(kind=OrganisationKind.TRUST).exclude(pk__in=measured).order_by("pk")
    elsewhere = play_with_writes_elsewhere(
        clients, requests, other.values_list("pk", flat=True)[0], args.every
    )
    after = []
    for trust in doc["trusts"]:
        pending = dataversion._pending("default")  # what a committed write in the trust records
        pending.trusts.add(trust["trust"]["id"])
        dataversion.bump()
        after.append({"trust": trust["trust"]["ods_code"], **play(clients, requests)})
    total = Organisation.objects.filter(kind=OrganisationKind.TRUST).count()
    best_kept = min(k["cpu_ms_per_request"] for k in kept)
    extra_cpu = [a["cpu_s"] - best_kept * a["requests"] / 1000 for a in after]
    per_write = {
        "renders": round(sum(a["misses"] for a in after) / len(after), 1),
        "cpu_ms": round(1000 * sum(extra_cpu) / len(after), 1),
    }
    out = {
        "trusts": [t["trust"]["ods_code"] for t in doc["trusts"]],
        "trusts_in_dataset": total,
        "kept_passes": kept,
        "writes_elsewhere": elsewhere,
        "after_a_write_in_each_trust": after,
        "one_write_in_a_measured_trust": per_write,
        # At 10 writes/s over every trust, the measured trusts take 10 x T / N of them a second.
        "cpu_ms_per_second_at_10_writes": round(10 * len(after) / total * per_write["cpu_ms"], 1),
        "load": os.getloadavg(),
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
