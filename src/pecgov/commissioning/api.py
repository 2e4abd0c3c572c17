"""API routes for the commissioning domain."""

from ninja import Router

router = Router(tags=["Commissioning"])
