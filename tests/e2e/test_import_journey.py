"""Journey (ADM-2, ADM-3, PUB-3, X-3, X-4): the governance lead brings in the trust's registers.

The lead uploads the ODS practice file and the people file, sees each preview and imports them;
uploads the deliberately bad declarations file and sees every bad row named by line and column
with nothing imported; then the good register of 200 declarations; finds the new people on the
people list, with its download links. axe-core: zero violations on every page visited.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from pecgov.interests.models import Declaration
from pecgov.trust.models import Person
from tests.e2e.steps import bad_declarations_refused, import_it, upload


def test_lead_brings_in_the_registers(journey: Any, demo: None) -> None:
    page = journey.page
    journey.sign_in("lead")

    upload(journey, "GP practices from the ODS practice file (epraccur.csv)", "epraccur.csv")
    import_it(journey, "epraccur.csv", 24)
    upload(journey, "People", "people.csv")
    import_it(journey, "people.csv", 40)

    people = Person.objects.count()
    declarations = Declaration.objects.count()
    bad_declarations_refused(journey)
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
