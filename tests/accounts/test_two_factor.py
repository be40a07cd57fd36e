"""A second factor for admin accounts (ADMIN_TWO_FACTOR_REQUIRED): setting up an
authenticator app and entering its code, with real TOTP codes computed here."""

import datetime
from binascii import unhexlify

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.views.two_factor import SETUP_KEY_SESSION_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/"
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def code(key: str, at: datetime.datetime) -> str:
    """The code an authenticator app shows for `key` at `at`."""
    with time_machine.travel(at, tick=False):
        return f"{totp(unhexlify(key)):06d}"


@pytest.fixture
def required(settings):
    settings.ADMIN_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def staff():
    return UserFactory(email="staff@example.test", is_staff=True, is_superuser=True)


def with_app(user, at=START) -> str:
    """Give `user` a confirmed app as of `at`; returns its key."""
    key = two_factor.new_key()
    with time_machine.travel(at, tick=False):
        step = two_factor.code_step(key, code(key, at))
        two_factor.totp_device_confirm(actor=user, key=key, step=step)
    return key


def test_with_the_setting_off_admins_need_no_code(world, client_for, staff):
    assert client_for(world.directory_admin).get("/people/").status_code == 200
    assert client_for(staff).get("/admin/").status_code == 200


@pytest.mark.usefixtures("required")
def test_an_admin_without_an_app_is_sent_to_set_one_up_before_any_page(world, client_for, staff):
    admin = client_for(world.directory_admin)
    for page in ("/people/", "/directory/new/", "/", "/directory/"):
        response = admin.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == f"{SETUP}?next={page.replace('/', '%2F')}"
    response = client_for(staff).get("/admin/")
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"


@pytest.mark.usefixtures("required")
def test_people_who_are_not_admins_are_not_asked_and_cannot_see_the_pages(world, client_for):
    lead = client_for(world.lead)
    assert lead.get("/").status_code == 200
    assert lead.get(SETUP).status_code == 404
    assert lead.get(VERIFY).status_code == 404


@pytest.mark.usefixtures("required")
def test_setting_up_an_app_with_its_first_code(
    world, client_for, security_events, django_capture_on_commit_callbacks
):
    client = client_for(world.directory_admin)
    page = client.get(f"{SETUP}?next=/people/")
    assert page.status_code == 200
    # The QR code is drawn here, as inline SVG: nothing is fetched from elsewhere.
    assert '<svg role="img" aria-label="QR code for your authenticator app"' in page.text
    assert "<img" not in page.text.split('id="main-content"', 1)[1]
    key = client.session[SETUP_KEY_SESSION_KEY]
    assert two_factor.key_as_text(key) in page.text
    assert not TOTPDevice.objects.filter(user=world.directory_admin).exists()

    with time_machine.travel(START, tick=False):
        wrong = client.post(SETUP, {"code": "000000", "next": "/people/"})
        assert wrong.status_code == 200
        assert "The code is not right" in wrong.text and "govuk-error-summary" in wrong.text
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(SETUP, {"code": code(key, START), "next": "/people/"})
        assert done["Location"] == "/people/"
        device = TOTPDevice.objects.get(user=world.directory_admin)
        assert device.confirmed and device.key == key
        assert SETUP_KEY_SESSION_KEY not in client.session
        # This session is verified: every page opens.
        assert client.get("/people/").status_code == 200
        assert client.get("/directory/new/").status_code == 200
    (event,) = security_events("second_factor_set_up")
    assert event["user_id"] == world.directory_admin.pk and event["outcome"] == "success"


@pytest.mark.usefixtures("required")
def test_signing_in_again_asks_for_a_code_from_the_app(world, client_for, staff, security_events):
    key = with_app(staff)
    client = client_for(staff)
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    later = START + datetime.timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        assert "Enter the code" in client.get(f"{VERIFY}?next=/admin/").text
        wrong = client.post(VERIFY, {"code": "123456", "next": "/admin/"})
        assert wrong.status_code == 200 and "The code is not right" in wrong.text
        assert "govuk-error-summary" in wrong.text
        not_digits = client.post(VERIFY, {"code": "12ab56", "next": "/admin/"})
        assert "Enter the code as 6 digits" in not_digits.text
    # django-otp slows down repeated wrong codes; a minute on, the right one works.
    with time_machine.travel(later + datetime.timedelta(minutes=1), tick=False):
        right = client.post(
            VERIFY, {"code": code(key, later + datetime.timedelta(minutes=1)), "next": "/admin/"}
        )
        assert right["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
    assert [e["outcome"] for e in security_events() if e["event"].startswith("second")] == [
        "failure",
        "success",
    ]


@pytest.mark.usefixtures("required")
def test_digits_that_are_not_0_to_9_are_asked_again_not_a_server_error(world, client_for, staff):
    # Found by the fuzzer (tests/fuzz): "²" passed str.isdigit(), then int() failed.
    with_app(staff)
    verify = client_for(staff).post(VERIFY, {"code": "\u00b2" * 6})
    assert verify.status_code == 200 and "Enter the code as 6 digits" in verify.text
    setup = client_for(world.directory_admin).post(SETUP, {"code": "\u00b2" * 6})
    assert setup.status_code == 200 and "Enter the code as 6 digits" in setup.text


@pytest.mark.usefixtures("required")
def test_a_code_works_once(world, client_for, staff):
    key = with_app(staff)
    later = START + datetime.timedelta(minutes=5)
    the_code = code(key, later)
    with time_machine.travel(later, tick=False):
        first = client_for(staff)
        assert first.post(VERIFY, {"code": the_code})["Location"] == "/"
        second = client_for(staff)
        assert second.post(VERIFY, {"code": the_code}).status_code == 200
        assert second.get("/admin/").status_code == 302


@pytest.mark.usefixtures("required")
def test_the_code_that_set_the_app_up_cannot_be_used_to_sign_in(world, client_for):
    client = client_for(world.directory_admin)
    client.get(SETUP)
    key = client.session[SETUP_KEY_SESSION_KEY]
    with time_machine.travel(START, tick=False):
        the_code = code(key, START)
        client.post(SETUP, {"code": the_code})
        other = client_for(world.directory_admin)
        assert other.post(VERIFY, {"code": the_code}).status_code == 200


@pytest.mark.usefixtures("required")
def test_a_password_alone_cannot_replace_the_app(world, client_for, staff):
    with_app(staff)
    client = client_for(staff)
    assert client.get(SETUP)["Location"] == VERIFY
    assert client.post(SETUP, {"code": "123456"})["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=staff).count() == 1


@pytest.mark.usefixtures("required")
def test_an_admin_with_no_app_asked_for_a_code_is_sent_to_set_one_up(world, client_for):
    response = client_for(world.directory_admin).get(f"{VERIFY}?next=/people/")
    assert response["Location"] == f"{SETUP}?next=%2Fpeople%2F"


@pytest.mark.usefixtures("required")
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_after_the_code_it_never_goes_to_another_site(world, client_for, staff, target):
    key = with_app(staff)
    later = START + datetime.timedelta(minutes=5)
    client = client_for(staff)
    with time_machine.travel(later, tick=False):
        page = client.get(VERIFY, {"next": target})
        assert "evil.example" not in page.text
        response = client.post(VERIFY, {"code": code(key, later), "next": target})
    assert response["Location"] == "/"


def test_the_setting_is_off_by_default():
    from django.conf import settings

    assert settings.ADMIN_TWO_FACTOR_REQUIRED is False


def test_verifying_is_required_for_staff_and_directory_admins_only(world, settings):
    settings.ADMIN_TWO_FACTOR_REQUIRED = True
    staff = UserFactory(is_staff=True)
    assert two_factor.second_factor_required(staff)
    assert two_factor.second_factor_required(world.directory_admin)
    for name in ("lead", "contributor", "originating_partner", "board_chair", "unrelated_user"):
        assert not two_factor.second_factor_required(getattr(world, name)), name
    settings.ADMIN_TWO_FACTOR_REQUIRED = False
    assert not two_factor.second_factor_required(world.directory_admin)


def test_a_code_from_the_step_before_or_after_is_accepted_and_none_further():
    key = b"12345678901234567890".hex()  # RFC 6238's test key: the same codes every run
    with time_machine.travel(START, tick=False):
        now_step = two_factor.code_step(key, code(key, START))
    for offset in (-1, 1):
        at = START + datetime.timedelta(seconds=30 * offset)
        with time_machine.travel(START, tick=False):
            assert two_factor.code_step(key, code(key, at)) == now_step + offset
    far = START + datetime.timedelta(seconds=90)
    with time_machine.travel(START, tick=False):
        assert two_factor.code_step(key, code(key, far)) is None
        assert two_factor.code_step(key, "12345") is None
