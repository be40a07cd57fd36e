"""Two people sending the same month's update at the same moment, through the real
views on PostgreSQL: exactly one wins, the other is told, and what is stored is all
the winner's (narrative, figures, who submitted), never a mixture.

The sequential cases (a stale form, a month started meanwhile) are in test_updates.py;
here two threads, each with its own database connection, post at once."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from sites.models import MetricValue, ProgressUpdate
from sites.services import adoption_contributors_may_submit_set, progress_update_save
from tests.concurrency import run_at_once
from tests.factories import OutcomeMetricFactory
from tests.figures import figure_add
from tests.world import build_world

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks and serialises writers, so there is no race to test",
    ),
    pytest.mark.django_db(transaction=True),
]

FEB = datetime.date(2025, 2, 1)
# 5 March 2025: February's update is due on 10 March.
NOW = datetime.datetime(2025, 3, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    world = build_world()
    world.metric = OutcomeMetricFactory(innovation=world.innovation, name="Carers", unit="carers")
    adoption_contributors_may_submit_set(actor=world.lead, adoption=world.adoption, allowed=True)
    return world


def _url(name: str, world) -> str:
    return reverse(f"adoptions:{name}", kwargs={"pk": world.adoption.pk, "period": "2025-02"})


def _form(world, *, version: int, words: str, carers: str) -> dict:
    return {
        "version": str(version),
        "rag": "green",
        "rag_explanation": "",
        "summary": words,
        "achievements": words,
        "barriers_and_risks": "",
        "lessons_learned": "",
        "new_lesson_tags": "",
        "next_steps": words,
        f"metric_{world.metric.pk}": carers,
    }


def _post_at_once(url: str, posts: dict) -> dict:
    """POST each person's form from its own thread, released together; their statuses."""
    clients = {}
    for user in posts:
        clients[user] = Client()
        clients[user].force_login(user)
    answers = run_at_once(
        *(lambda user=user: clients[user].post(url, posts[user]).status_code for user in posts)
    )
    return dict(zip(posts, answers, strict=True))


def _winner(statuses: dict):
    assert sorted(statuses.values()) == [302, 409], statuses
    [winner] = [user for user, status in statuses.items() if status == 302]
    return winner


def test_two_people_starting_the_same_month_at_once_leave_one_whole_update(world):
    posts = {
        world.lead: _form(world, version=0, words="The lead's month", carers="11"),
        world.contributor: _form(world, version=0, words="The contributor's month", carers="22"),
    }
    winner = _winner(_post_at_once(_url("update_edit", world), posts))

    [update] = ProgressUpdate.objects.filter(adoption=world.adoption)
    expected = posts[winner]
    assert (update.summary, update.achievements, update.next_steps) == (
        expected["summary"],
        expected["achievements"],
        expected["next_steps"],
    )
    assert update.created_by == winner
    assert list(MetricValue.objects.filter(update=update).values_list("value", flat=True)) == [
        Decimal(expected[f"metric_{world.metric.pk}"])
    ]
    assert update.history.count() == 1
    figure_add("concurrency races settled", item="two people starting the same month")


def test_two_people_submitting_the_same_draft_at_once_submit_it_once(world):
    draft = progress_update_save(
        actor=world.lead, adoption=world.adoption, period=FEB, fields={"summary": "Draft"}
    )
    posts = {
        world.lead: _form(world, version=draft.version, words="Lead's final", carers="5"),
        world.contributor: _form(
            world, version=draft.version, words="Contributor's final", carers="7"
        ),
    }
    winner = _winner(_post_at_once(_url("update_submit", world), posts))

    update = ProgressUpdate.objects.get(pk=draft.pk)
    assert update.status == ProgressUpdate.Status.SUBMITTED
    assert update.submitted_by == winner
    assert update.summary == posts[winner]["summary"]
    assert update.next_steps == posts[winner]["next_steps"]
    # One save and one submit on top of the draft: the loser changed nothing.
    assert update.version == draft.version + 2
    assert list(MetricValue.objects.filter(update=update).values_list("value", flat=True)) == [
        Decimal(posts[winner][f"metric_{world.metric.pk}"])
    ]
    submitted = update.history.filter(status=ProgressUpdate.Status.SUBMITTED)
    assert [record.history_user for record in submitted] == [winner]
    figure_add("concurrency races settled", item="two people submitting the same draft")
