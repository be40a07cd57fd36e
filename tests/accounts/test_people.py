"""The people pages: directory admins see everyone and manage roles and accounts;
every change goes through a service and is recorded against the admin who made it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.services import account_deactivate, account_reactivate, role_remove
from governance.models import BoardMembership
from sites.models import AdoptionRole
from tests.factories import AdoptionRoleFactory, BoardMembershipFactory, UserFactory
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_the_people_page_lists_everyone_with_organisation_and_roles(world, client_for):
    page = client_for(world.directory_admin).get("/people/").text
    assert "Lee Tester" in page or "Lee" in page
    assert "Adopting Borough Council" in page
    assert "Project lead, Systemic Units at Adopting Borough Council" in page
    assert "Board chair, Our Adopters Board" in page
    assert "Directory admin" in page


def test_the_people_page_searches_by_name_or_email(world, client_for):
    client = client_for(world.directory_admin)
    by_name = client.get("/people/?q=cora").text
    assert "cora@example.test" in by_name and "mina@example.test" not in by_name
    by_email = client.get("/people/?q=MINA@example").text
    assert "mina@example.test" in by_email and "cora@example.test" not in by_email
    assert "No one matches" in client.get("/people/?q=zzzz").text


def test_the_people_page_query_count_does_not_grow(world, client_for):
    def grow():
        for _ in range(6):
            person = UserFactory()
            AdoptionRoleFactory(actor=world.directory_admin, user=person)
            BoardMembershipFactory(actor=world.directory_admin, user=person)

    assert_queries_do_not_grow(client_for(world.directory_admin), "/people/", grow=grow)


def test_the_person_page_query_count_does_not_grow_with_roles(world, client_for):
    person = UserFactory()
    AdoptionRoleFactory(actor=world.directory_admin, user=person)
    BoardMembershipFactory(actor=world.directory_admin, user=person)

    def grow():
        for _ in range(4):
            AdoptionRoleFactory(actor=world.directory_admin, user=person)
            BoardMembershipFactory(actor=world.directory_admin, user=person)

    assert_queries_do_not_grow(
        client_for(world.directory_admin), f"/people/{person.pk}/", grow=grow
    )


def test_the_person_page_says_who_granted_each_role(world, client_for):
    page = client_for(world.directory_admin).get(f"/people/{world.lead.pk}/").text
    assert "Granted by Dana Admin on" in page


def test_removing_a_role_is_recorded_against_the_admin(world, client_for):
    grant = AdoptionRole.objects.get(user=world.contributor, adoption=world.adoption)
    url = f"/people/{world.contributor.pk}/roles/adoption/{grant.pk}/remove/"
    client = client_for(world.directory_admin)
    assert "Remove" in client.get(url).text
    response = client.post(url)
    assert response["Location"] == f"/people/{world.contributor.pk}/"
    assert not AdoptionRole.objects.filter(pk=grant.pk).exists()
    deleted = AdoptionRole.history.filter(id=grant.pk, history_type="-").get()
    assert deleted.history_user == world.directory_admin


def test_changing_a_board_role_uses_the_grant_service(world, client_for):
    membership = BoardMembership.objects.get(user=world.board_member, board=world.board)
    url = f"/people/{world.board_member.pk}/roles/board/{membership.pk}/change/"
    client = client_for(world.directory_admin)
    assert client.post(url, {"role": "chair"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "chair"
    assert membership.history.latest().history_user == world.directory_admin
    assert "Changed by Dana Admin" in client.get(f"/people/{world.board_member.pk}/").text
    invalid = client.post(url, {"role": "emperor"})
    assert invalid.status_code == 200 and "govuk-error-summary" in invalid.text


def test_a_grant_of_someone_else_is_a_404(world, client_for):
    grant = AdoptionRole.objects.get(user=world.contributor, adoption=world.adoption)
    url = f"/people/{world.lead.pk}/roles/adoption/{grant.pk}/remove/"
    assert client_for(world.directory_admin).post(url).status_code == 404
    assert (
        client_for(world.directory_admin)
        .get(f"/people/{world.lead.pk}/roles/nonsense/{grant.pk}/remove/")
        .status_code
        == 404
    )
    assert AdoptionRole.objects.filter(pk=grant.pk).exists()


def test_deactivating_keeps_roles_and_history_and_stops_sign_in(world, client_for, client):
    from sites.services import progress_update_save

    update = progress_update_save(
        actor=world.lead,
        adoption=world.adoption,
        period=datetime.date(2025, 3, 1),
        fields={"rag": "green", "summary": "Going well."},
    )
    admin = client_for(world.directory_admin)
    assert admin.post(f"/people/{world.lead.pk}/deactivate/").status_code == 302
    world.lead.refresh_from_db()
    assert not world.lead.is_active
    assert world.lead.history.latest().history_user == world.directory_admin
    assert AdoptionRole.objects.filter(user=world.lead).exists()
    update.refresh_from_db()
    assert update.created_by_id == world.lead.pk
    assert not client.login(email=world.lead.email, password="irrelevant")
    assert "Deactivated" in admin.get("/people/").text
    assert admin.post(f"/people/{world.lead.pk}/reactivate/").status_code == 302
    world.lead.refresh_from_db()
    assert world.lead.is_active


def test_a_directory_admin_cannot_deactivate_themselves(world, client_for):
    admin = world.directory_admin
    with pytest.raises(ValidationError):
        account_deactivate(actor=admin, user=admin)
    response = client_for(admin).post(f"/people/{admin.pk}/deactivate/")
    assert response.status_code == 200
    assert "You cannot deactivate your own account." in response.text
    admin.refresh_from_db()
    assert admin.is_active


def test_a_directory_admin_cannot_remove_their_own_admin_role(world, client_for):
    admin = world.directory_admin
    response = client_for(admin).post(f"/people/{admin.pk}/directory-admin/remove/")
    assert "You cannot remove your own directory admin role." in response.text
    assert User.objects.get(pk=admin.pk).is_directory_admin


def test_removing_another_directory_admin(world, client_for):
    other = UserFactory(is_directory_admin=True)
    response = client_for(world.directory_admin).post(f"/people/{other.pk}/directory-admin/remove/")
    assert response.status_code == 302
    other.refresh_from_db()
    assert not other.is_directory_admin
    assert other.history.latest().history_user == world.directory_admin


def test_role_remove_takes_only_grants(world):
    with pytest.raises(TypeError):
        role_remove(actor=world.directory_admin, grant=world.lead)


def test_reactivate_is_recorded(world):
    account_deactivate(actor=world.directory_admin, user=world.lead)
    account_reactivate(actor=world.directory_admin, user=world.lead)
    assert [r.is_active for r in world.lead.history.order_by("-history_date")[:2]] == [True, False]


def test_people_nav_item_only_for_directory_admins(world, client_for):
    assert 'href="/people/"' in client_for(world.directory_admin).get("/").text
    assert 'href="/people/"' not in client_for(world.lead).get("/").text
