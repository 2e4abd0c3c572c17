"""The "Sign-in and security" page (ADM-5): the second factor offered to everyone, and whether
the person's role requires it. Every other sign-in page is allauth's view with our templates."""

from __future__ import annotations

from typing import Any

from allauth.mfa.base.views import IndexView
from django.conf import settings

from pecgov.accounts.mfa_policy import roles_needing_mfa
from pecgov.trust.roles import roles_of

ROLE_NAMES = {
    "governance_lead": "governance lead",
    "chair": "chair",
    "board_member": "Board member",
    "executive_director": "executive director",
    "interview_panel": "interview panel member",
    "site_administrator": "site administrator",
}


class SecurityView(IndexView):  # type: ignore[misc]  # allauth ships no type hints
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        needing = roles_needing_mfa(self.request.user, roles_of(self.request.user))
        context.update(
            {
                "title": "Sign-in and security",
                "required_for": [ROLE_NAMES[name] for name in needing],
                "enforced": bool(getattr(settings, "MFA_ENFORCED", True)),
            }
        )
        return context


security = SecurityView.as_view()
