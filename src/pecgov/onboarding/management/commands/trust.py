"""`pecgov trust create | list | close`: the site administrator's trust commands (ADM-1).

Run by the operator on the server, so they act as the system; each is an audit event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.actors import SystemActor
from pecgov.errors import DomainError
from pecgov.onboarding import queries, services
from pecgov.policy.packs import load_packs
from pecgov.trust.models import Organisation

OPERATOR = SystemActor(name="operator (pecgov trust)")


def _refused(error: DomainError) -> CommandError:
    return CommandError(
        "; ".join(
            f"{field}: {m}" if field != "__all__" else m for field, msgs in error.errors.items() for m in msgs
        )
    )


class Command(BaseCommand):
    help = "Trusts: 'create' sets one up with its policy pack and PEC, 'list' shows them, 'close' closes one."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Set up a trust with its policy pack, Board and PEC")
        create.add_argument("--name", required=True)
        create.add_argument("--ods", required=True, help="The trust's ODS code, e.g. 5ZZ")
        create.add_argument("--pack", default="dh2007", choices=sorted(load_packs()))
        create.add_argument("--pec-name", default="", help="What the trust calls its PEC")
        create.add_argument(
            "--lead-name", default="", help="Name the first governance lead (with --lead-email)"
        )
        create.add_argument("--lead-email", default="")
        sub.add_parser("list", help="List the trusts")
        close = sub.add_parser("close", help="Close a trust")
        close.add_argument("ods", help="The trust's ODS code")
        close.add_argument("--reason", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as error:
            raise _refused(error) from error

    def _create(self, options: dict[str, Any]) -> None:
        trust = services.trust_open(
            actor=OPERATOR,
            name=options["name"],
            ods_code=options["ods"],
            pack=options["pack"],
            pec_name=options["pec_name"],
        )
        self.stdout.write(f"Set up {trust.name} ({trust.ods_code}).")
        if options["lead_email"]:
            invitation, _token = services.trust_name_lead(
                actor=OPERATOR,
                trust=trust,
                name=options["lead_name"] or options["lead_email"],
                email=options["lead_email"],
            )
            self.stdout.write(f"Invitation for the governance lead queued to {invitation.email}.")

    def _list(self, options: dict[str, Any]) -> None:
        rows = list(queries.trusts())
        if not rows:
            self.stdout.write("No trusts yet: `pecgov trust create --name ... --ods ...` sets one up.")
        for t in rows:
            status = f"closed {t.closed_on:%Y-%m-%d}" if t.closed_on else "open"
            # annotated by queries.trusts()
            pack, people, leads = (getattr(t, name) for name in ("pack", "people_count", "lead_count"))
            self.stdout.write(
                f"{t.ods_code:<8} {t.name:<40} {pack or '-':<14} {people:>6} people  {leads or 0} lead(s)  {status}"
            )

    def _close(self, options: dict[str, Any]) -> None:
        trust = Organisation.objects.filter(kind="trust", ods_code=options["ods"].strip().upper()).first()
        if trust is None:
            raise CommandError(f"No trust has the ODS code {options['ods']}.")
        services.trust_close(actor=OPERATOR, trust=trust, reason=options["reason"])
        self.stdout.write(f"Closed {trust.name}.")
