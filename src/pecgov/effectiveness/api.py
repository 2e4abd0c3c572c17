"""Effectiveness in the API."""

from ninja import Router

from pecgov.effectiveness.report.api import router as report_router

router = Router(tags=["Effectiveness"])
router.add_router("", report_router)
