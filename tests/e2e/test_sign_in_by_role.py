"""Every demo role signs in through the real form and lands on the right "my work".

Expectations are read from the database the demo loader filled, so the test
checks the page against the data rather than against a copy of the demo script.
Screenshots go to test-artifacts/screenshots/ for a person to review.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from governance.models import GovernanceBoard
from innovations.models import Innovation
from sites.models import Adoption, AdoptionRole
from tests.factories import InnovationFactory, UserFactory

from .browser import new_context
from .pages import DirectoryPage, SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
DEMO_DOMAIN = "demo.adoptadapt.test"
ROLES = ["lead", "contributor", "partner", "chair", "member", "observer", "admin"]


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server with the demo data loaded (flushed again after the test)."""
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def _adoption_names(user) -> list[str]:
    adoptions = Adoption.objects.filter(roles__user=user).select_related(
        "innovation", "adopting_site"
    )
    return sorted(f"{a.innovation.name} at {a.adopting_site.name}" for a in adoptions)


def _board_names(user) -> list[str]:
    return sorted(
        GovernanceBoard.objects.filter(memberships__user=user).values_list("name", flat=True)
    )


def test_each_demo_role_signs_in_to_their_own_work(demo_site, browser, screenshots, subtests):
    """One demo load for all roles (it takes seconds); each role is its own subtest."""
    for role in ROLES:
        with subtests.test(role=role):
            context = new_context(browser)
            try:
                _check_role(context.new_page(), demo_site, screenshots, role)
            finally:
                context.close()


def _check_role(page, demo_site, screenshots, role):
    user = User.objects.get(email=f"{role}@{DEMO_DOMAIN}")
    adoptions, boards = _adoption_names(user), _board_names(user)

    my_work = SignInPage(page, demo_site).open().sign_in(user.email, DEMO_PASSWORD)

    assert my_work.heading == "My work"
    assert my_work.is_signed_in
    assert sorted(my_work.adoptions()) == adoptions
    assert sorted(my_work.boards()) == boards
    held = set(AdoptionRole.objects.filter(user=user).values_list("role", flat=True))
    if role == "lead":
        assert adoptions and AdoptionRole.Role.LEAD in held
    elif role == "contributor":
        assert adoptions and held == {AdoptionRole.Role.CONTRIBUTOR}
    elif role == "partner":
        # Every adoption on the page is one they partner on, at a site not their own.
        assert adoptions and held == {AdoptionRole.Role.ORIGINATING_PARTNER}
        assert all(not name.endswith(f" at {user.organisation.name}") for name in adoptions)
    elif role in ("chair", "member", "observer"):
        assert boards, f"the demo {role} sits on no board"
        assert role.capitalize() in page.locator("h2:has-text('My boards') + ul").inner_text()
    if role == "admin":
        counts = {
            status: Innovation.objects.filter(status=status).count()
            for status in Innovation.Status.values
        }
        assert my_work.directory_counts() == {
            "Published entries": counts["published"],
            "Drafts": counts["draft"],
            "Archived": counts["archived"],
        }
        assert counts["published"] > 0
    else:
        assert my_work.directory_counts() == {}

    my_work.screenshot(screenshots / f"my-work-{role}.png")

    # The links on "my work" open pages this person may see.
    if adoptions:
        assert my_work.open_adoption(adoptions[0]) == adoptions[0].split(" at ")[0]
        page.go_back()
        my_work.wait_until_shown()
    if boards:
        assert my_work.open_board(boards[0]) == boards[0]
        page.go_back()
        my_work.wait_until_shown()

    directory = my_work.sign_out()
    assert not directory.is_signed_in
    assert directory.offers_sign_in
    # Signed out, "/" is the public directory again, not anyone's work.
    page.goto(demo_site + "/")
    DirectoryPage(page, demo_site).wait_until_shown()


def test_wrong_password_is_refused_in_the_browser(transactional_db, live_server, page, screenshots):
    UserFactory(email="robin@example.test")
    sign_in = SignInPage(page, live_server.url).open()
    summary = sign_in.sign_in_expecting_error("robin@example.test", "not-the-password")
    assert "There is a problem" in summary
    assert "Enter a correct email address and password." in summary
    assert page.get_by_label("Email address").input_value() == "robin@example.test"
    assert page.get_by_label("Password", exact=True).input_value() == ""
    assert not sign_in.is_signed_in
    sign_in.screenshot(screenshots / "sign-in-error.png")


def test_public_directory_lists_published_innovations_only(transactional_db, live_server, page):
    InnovationFactory(name="Family Group Conferencing")
    InnovationFactory(name="Hidden Draft", status=Innovation.Status.DRAFT)
    directory = DirectoryPage(page, live_server.url).open().wait_until_shown()
    assert directory.innovations() == ["Family Group Conferencing"]
    assert directory.offers_sign_in
