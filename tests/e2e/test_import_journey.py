"""Journey (ADM-2, ADM-3, PUB-3, X-3, X-4): the governance lead brings in the trust's registers.

The lead uploads the ODS practice file and the people file, sees each preview and imports them;
uploads the deliberately bad declarations file and sees every bad row named by line and column
with nothing imported; then the good register of 200 declarations; finds the new people on the
people list, with its download links. axe-core: zero violations on every page visited.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from pecgov.interests.models import Declaration
from pecgov.trust.models import Person

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
RUN_PAGE = re.compile(r".*/imports/\d+/$")


def upload(journey: Any, kind: str, name: str) -> None:
    page = journey.page
    journey.goto("/imports/")
    page.get_by_label(kind, exact=True).check()
    page.locator("input[name=upload]").set_input_files(str(SAMPLES / name))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(RUN_PAGE)
    journey.check()


def import_it(journey: Any, name: str, added: int) -> None:
    page = journey.page
    expect(page.locator("main")).to_contain_text("What the import will do")
    page.get_by_role("button", name=f"Import {name}").click()
    page.wait_for_url(RUN_PAGE)
    journey.check()
    expect(page.locator("main")).to_contain_text(f"Imported {name}: {added} added, 0 changed.")


def test_lead_brings_in_the_registers(journey: Any, demo: None) -> None:
    page = journey.page
    journey.sign_in("lead")

    upload(journey, "GP practices from the ODS practice file (epraccur.csv)", "epraccur.csv")
    import_it(journey, "epraccur.csv", 24)
    upload(journey, "People", "people.csv")
    import_it(journey, "people.csv", 40)

    people = Person.objects.count()
    declarations = Declaration.objects.count()
    upload(journey, "Declarations of interest", "declarations-bad.csv")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There are 6 problems with declarations-bad.csv")
    expect(summary).to_contain_text("line 2, column `start_date`: 31/02/2026 is not a date")
    expect(summary).to_contain_text("line 3, column `person`: no one in this trust has the email")
    expect(summary).to_contain_text("line 4, column `category`: gift is not one of")
    expect(summary).to_contain_text("line 5, column `end_date`")
    expect(summary).to_contain_text("line 6, column `description`: this cannot be empty")
    expect(summary).to_contain_text("line 8, column `start_date`: the same declaration")
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    assert Declaration.objects.count() == declarations

    upload(journey, "Declarations of interest", "declarations.csv")
    import_it(journey, "declarations.csv", 200)
    assert Declaration.objects.count() == declarations + 200
    assert Person.objects.count() == people

    journey.goto("/people/?q=Anne+Archer")
    expect(page.locator("main")).to_contain_text("Dr Anne Archer")
    expect(page.get_by_role("link", name=re.compile("^CSV"))).to_have_count(1)
    journey.goto("/imports/")
    expect(page.locator("main")).to_contain_text("declarations-bad.csv")
