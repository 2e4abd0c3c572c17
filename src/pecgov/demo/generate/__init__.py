"""`pecgov generate --scale N`: N trusts shaped like the demo trust, for benchmarks.

`shape` says how big one trust is; `structure`, `interests` and `meetings` build its bulk of rows
through `writers` (bulk inserts with their history rows, chained in the audit ledger);
`governance` makes the few dozen rows the services' own checks are worth calling for; `runner`
makes one trust per transaction and skips those already there; `digest` fingerprints the result.
"""

from pecgov.demo.generate.runner import Summary, generate
from pecgov.demo.generate.shape import PRESETS

__all__ = ["PRESETS", "Summary", "generate"]
