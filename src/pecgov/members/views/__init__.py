"""The pages of a member's year (PERF-1 to PERF-5, REM-1, REM-2)."""
