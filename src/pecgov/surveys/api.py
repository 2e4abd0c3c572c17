"""Surveys in the API."""

from ninja import Router

router = Router(tags=["Surveys"])
