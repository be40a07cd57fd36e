import pytest
from django.contrib.auth import authenticate

from accounts.models import User
from tests.constraints import violates
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_its_case():
    UserFactory(email="sam.jones@example.test")
    with violates("user_email_unique_ci"):
        User.objects.create(email="Sam.Jones@EXAMPLE.test")


def test_different_emails_are_allowed():
    UserFactory(email="sam.jones@example.test")
    UserFactory(email="sam.jonas@example.test")
    assert User.objects.count() == 2


def test_create_user_needs_an_email():
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user(email="", password="irrelevant")


def test_create_user_normalises_the_domain_and_hashes_the_password():
    user = User.objects.create_user(email="Sam@Example.TEST", password="a-long-password-123")
    assert user.email == "Sam@example.test"
    assert user.password != "a-long-password-123"
    assert user.check_password("a-long-password-123")
    assert not user.is_staff and not user.is_superuser


def test_create_superuser_is_staff_and_superuser():
    user = User.objects.create_superuser(email="root@example.test", password="x" * 12)
    assert user.is_staff and user.is_superuser


def test_natural_key_lookup_ignores_case():
    user = UserFactory(email="Pat.Lee@example.test")
    assert User.objects.get_by_natural_key("pat.lee@EXAMPLE.test") == user


def test_authenticate_ignores_email_case():
    user = UserFactory(email="Pat.Lee@example.test", password="the-right-password-1")
    assert authenticate(username="PAT.LEE@example.test", password="the-right-password-1") == user
    assert authenticate(username="pat.lee@example.test", password="the-wrong-password") is None


def test_str_is_the_full_name_or_else_the_email():
    assert str(UserFactory.build(first_name="Ada", last_name="King")) == "Ada King"
    assert str(UserFactory.build(first_name="", last_name="", email="x@example.test")) == (
        "x@example.test"
    )


def test_history_never_records_the_password():
    user = UserFactory()
    record = user.history.first()
    assert record is not None
    assert not hasattr(record, "password")


# --- Invitations ---------------------------------------------------------------


def _invitation(**fields):
    from accounts.models import Invitation

    inviter = UserFactory()
    defaults = {"email": "new@example.test", "nonce": "n", "invited_by": inviter}
    return Invitation(**{**defaults, **fields})


def test_an_adoption_role_invitation_needs_an_adoption():
    with violates("invitation_role_matches_its_object"):
        _invitation(role="contributor").save()


def test_a_directory_admin_invitation_names_no_adoption_or_board():
    from tests.factories import GovernanceBoardFactory

    with violates("invitation_role_matches_its_object"):
        _invitation(role="directory_admin", board=GovernanceBoardFactory()).save()


def test_an_invitation_cannot_be_both_accepted_and_revoked():
    from django.utils import timezone

    now = timezone.now()
    with violates("invitation_not_both_accepted_and_revoked"):
        _invitation(role="directory_admin", accepted_at=now, revoked_at=now).save()


# --- Personal API tokens ---------------------------------------------------------------


def test_a_person_has_one_live_token_per_name():
    from accounts.models import ApiToken

    user = UserFactory()
    ApiToken.objects.create(user=user, name="Power BI", prefix="aa_1", digest="1" * 64)
    with violates("one_live_api_token_per_name"):
        ApiToken.objects.create(user=user, name="Power BI", prefix="aa_2", digest="2" * 64)


def test_a_revoked_token_frees_its_name():
    from django.utils import timezone

    from accounts.models import ApiToken

    user = UserFactory()
    ApiToken.objects.create(
        user=user, name="Power BI", prefix="aa_1", digest="1" * 64, revoked_at=timezone.now()
    )
    ApiToken.objects.create(user=user, name="Power BI", prefix="aa_2", digest="2" * 64)
    assert ApiToken.objects.filter(user=user, name="Power BI").count() == 2
