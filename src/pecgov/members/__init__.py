"""A member's year: objectives, reviews, appraisal, development, succession, remuneration (PERF-1..5, REM-1..2)."""
