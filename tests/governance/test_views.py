import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_board_list_shows_only_the_boards_a_member_sits_on(world, client_for):
    response = client_for(world.board_observer).get(reverse("boards:list"))
    assert response.status_code == 200
    assert [b.slug for b in response.context["boards"]] == ["our-adopters-board"]
    assert "Other Adopters Board" not in response.text


def test_board_list_for_someone_on_no_board_says_so(world, client_for):
    response = client_for(world.lead).get(reverse("boards:list"))
    assert list(response.context["boards"]) == []
    assert "You are not a member of any governance board." in response.text


def test_board_list_for_a_directory_admin_shows_every_board_with_counts(world, client_for):
    response = client_for(world.directory_admin).get(reverse("boards:list"))
    counts = {b.slug: (b.adoption_count, b.member_count) for b in response.context["boards"]}
    assert counts == {"our-adopters-board": (1, 3), "other-adopters-board": (1, 1)}


def test_navigation_offers_boards_only_to_people_who_can_see_one(world, client_for):
    labels = [i["label"] for i in client_for(world.board_chair).get("/").context["navigation"]]
    assert "Boards" in labels
    labels = [i["label"] for i in client_for(world.lead).get("/").context["navigation"]]
    assert "Boards" not in labels
