"""Every write of a member's year (PERF-1 to PERF-5, REM-1): one function per user action,
keyword-only, with the acting user; permission through `require`, history and one audit event
in one transaction. A broken rule raises DomainError and saves nothing."""
