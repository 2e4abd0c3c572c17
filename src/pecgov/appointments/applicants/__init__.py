"""The public posts and applicants' own pages (APP-3, APP-7)."""
