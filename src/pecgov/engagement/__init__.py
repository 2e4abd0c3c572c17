"""Engagement with the SHA: high-level meetings, the PEC chair's place at them, regular meetings and
the PEC's part in performance management (ORG-7; DH 4.3, Alliance "Links to SHAs")."""
