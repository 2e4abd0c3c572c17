"""SHA engagement in the API."""

from ninja import Router

router = Router(tags=["SHA engagement"])
