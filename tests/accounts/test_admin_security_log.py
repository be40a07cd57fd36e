"""Powers and roles changed in the Django admin are logged as security events, as the
same changes made through the service's own pages are (test_security_log.py)."""

import pytest
from django.forms import BooleanField
from django.urls import reverse

from governance.models import BoardMembership
from sites.models import AdoptionRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(world):
    admin = world.directory_admin
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    return admin


@pytest.fixture
def admin_client(superuser, client_for):
    return client_for(superuser)


def _fields(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value, key = form[name].value(), form[name].html_name
        if isinstance(field, BooleanField):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = "" if value is None else str(value)
    return data


def admin_form_data(response) -> dict:
    """An admin change page's form, inlines included, as a browser posts it unchanged."""
    data = _fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_fields(formset.management_form))
        for form in formset.forms:
            data.update(_fields(form))
    return data


def _user_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def _save_user(client, user, **changes):
    url = _user_url(user)
    data = admin_form_data(client.get(url))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_making_someone_staff_and_superuser_is_logged_and_so_is_taking_it_back(
    world, admin_client, superuser, security_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _save_user(admin_client, world.lead, is_staff="on", is_superuser="on")
    granted = security_events("role_granted")
    assert sorted(event["role"] for event in granted) == [
        "django_admin_staff",
        "django_admin_superuser",
    ]
    assert {(event["user_id"], event["subject_user_id"]) for event in granted} == {
        (superuser.pk, world.lead.pk)
    }

    with django_capture_on_commit_callbacks(execute=True):
        _save_user(admin_client, world.lead, is_superuser=None)
    [removed] = security_events("role_removed")
    assert (removed["role"], removed["subject_user_id"]) == (
        "django_admin_superuser",
        world.lead.pk,
    )


def test_directory_admin_and_deactivation_in_the_admin_are_logged(
    world, admin_client, security_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _save_user(admin_client, world.lead, is_directory_admin="on", is_active=None)
    [granted] = security_events("role_granted")
    assert (granted["role"], granted["subject_user_id"]) == ("directory_admin", world.lead.pk)
    [deactivated] = security_events("account_deactivated")
    assert deactivated["subject_user_id"] == world.lead.pk


def test_saving_a_person_unchanged_logs_nothing(
    world, admin_client, security_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _save_user(admin_client, world.board_member)
    assert security_events("role_granted") == security_events("role_removed") == []


def test_board_memberships_added_and_removed_as_inlines_are_logged(
    world, admin_client, security_events, django_capture_on_commit_callbacks
):
    person = world.unrelated_user
    page = admin_client.get(_user_url(person))
    data = admin_form_data(page)
    [prefix] = [
        inline.formset.prefix
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is BoardMembership
    ]
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-board": str(world.board.pk),
            f"{prefix}-0-role": BoardMembership.Role.MEMBER,
            f"{prefix}-0-receives_digest": "on",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(_user_url(person), data).status_code == 302
    [granted] = security_events("role_granted")
    assert (granted["subject_user_id"], granted["board_id"], granted["role"]) == (
        person.pk,
        world.board.pk,
        "member",
    )

    membership = BoardMembership.objects.get(user=person)
    with django_capture_on_commit_callbacks(execute=True):
        _save_user(admin_client, person, **{f"{prefix}-0-DELETE": "on"})
    assert not BoardMembership.objects.filter(user=person).exists()
    [removed] = security_events("role_removed")
    assert (removed["subject_user_id"], removed["board_id"]) == (person.pk, membership.board_id)


def test_changing_only_the_digest_choice_in_the_admin_is_not_a_role_change(
    world, admin_client, security_events, django_capture_on_commit_callbacks
):
    membership = BoardMembership.objects.get(user=world.board_member, board=world.board)
    url = reverse("admin:governance_boardmembership_change", args=[membership.pk])
    data = admin_form_data(admin_client.get(url))
    data.pop("receives_digest", None)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.receives_digest is False
    assert security_events("role_granted") == []


def test_adoption_roles_deleted_in_the_admin_are_logged_one_by_one(
    world, admin_client, security_events, django_capture_on_commit_callbacks
):
    grants = list(AdoptionRole.objects.filter(adoption=world.adoption).order_by("pk")[:2])
    assert len(grants) == 2
    changelist = reverse("admin:adoptadapt_sites_adoptionrole_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            changelist,
            {
                "action": "delete_selected",
                "_selected_action": [str(grant.pk) for grant in grants],
                "post": "yes",
            },
        )
    assert response.status_code == 302
    removed = security_events("role_removed")
    assert sorted((event["subject_user_id"], event["adoption_id"]) for event in removed) == sorted(
        (grant.user_id, grant.adoption_id) for grant in grants
    )
