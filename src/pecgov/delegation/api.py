"""API routes for the delegation domain."""

from ninja import Router

router = Router(tags=["Delegation"])
