"""Journey 3: a directory admin adds an innovation with two must-haves and an outcome
metric, publishes it, signs out, and a visitor who is not signed in finds it by
searching the directory.

"Add another criterion" posts the form and comes back with one more row, so none of
it needs JavaScript. It runs with a mouse, with JavaScript turned off, and by
keyboard alone (see the `journey` fixture), each run adding an innovation of its own.
"""

import re

import pytest
from playwright.sync_api import expect

from innovations.models import Innovation

from .driving import Mode
from .pages import DirectoryPage, SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
ADMIN = "admin@demo.adoptadapt.test"
NAMES = {
    Mode.MOUSE: "Family Safeguarding",
    Mode.NO_JAVASCRIPT: "Lifelong Links",
    Mode.KEYBOARD: "Family Drug and Alcohol Court",
}


def test_directory_admin_adds_and_publishes_an_innovation_a_visitor_finds(demo_server, journey):
    act, page = journey, journey.page
    name = NAMES[act.mode]
    slug = name.lower().replace(" ", "-")

    my_work = SignInPage(page, demo_server).open().sign_in(ADMIN, DEMO_PASSWORD)
    directory = my_work.go_to_directory()
    form = directory.add_innovation()

    # Nothing typed: the page says what is needed.
    assert "Enter the innovation’s name" in form.save_draft_expecting_errors()
    act.screenshot("directory-1-add-with-errors")
    form.fill("Name", name)
    form.fill("Summary", "Specialist workers join social work teams to work with parents.")
    form.choose("Evidence level", "3 (effective: one rigorous evaluation)")
    form.choose("Cost rating", "3")
    criteria = form.save_draft()
    assert "has been added as a draft" in criteria.banner

    criteria.fill_row(
        "1. New criterion",
        name="Adult specialists in every team",
        kind="Must-have",
        dimension="Adherence",
        evidenced="Team structure charts.",
    )
    criteria.add_another()
    # What was typed in the first row is still there, and a second row is offered.
    expect(criteria.row("1. New criterion").get_by_label("Name", exact=True)).to_have_value(
        "Adult specialists in every team"
    )
    criteria.fill_row(
        "2. New criterion",
        name="Group case supervision",
        kind="Must-have",
        dimension="Quality of delivery",
        evidenced="Supervision records.",
    )
    act.screenshot("directory-2-must-haves")
    criteria.save()
    assert "Must-haves and adaptable parts saved: 2 added." in criteria.banner

    metrics = criteria.open_metrics()
    metrics.fill_row(
        "1. New metric",
        name="Families supported",
        unit="families",
        adds_up="Cumulative (each month adds to the total)",
    )
    metrics.save()
    assert "saved: 1 added" in metrics.banner
    act.screenshot("directory-3-metrics")

    entry = metrics.open_status().publish(name)
    assert f"“{name}” is now published" in entry.banner
    innovation = Innovation.objects.get(name=name)
    assert innovation.status == Innovation.Status.PUBLISHED
    assert innovation.status_changed_by.email == ADMIN
    assert innovation.criteria.filter(kind="must_have").count() == 2
    assert list(innovation.metrics.values_list("name", flat=True)) == ["Families supported"]

    # A visitor who is not signed in searches the directory for it.
    visitor = entry.sign_out()
    assert visitor.offers_sign_in
    visitor.search(name)
    assert name in visitor.innovations()
    act.screenshot("directory-4-found-by-search")
    found = visitor.open_innovation(name)
    assert "Group case supervision" in found.section_text("Must-haves (the tramlines)")
    assert "Families supported" in found.section_text("Outcome metrics")
    expect(page).to_have_url(re.compile(rf"/directory/{slug}/$"))
    act.screenshot("directory-5-innovation-page")
    assert isinstance(visitor, DirectoryPage) and not visitor.is_signed_in

    assert not act.unchecked_pages(), "pages shown without an accessibility check"
