"""Implementation checklist in the API."""

from ninja import Router

router = Router(tags=["Implementation checklist"])
