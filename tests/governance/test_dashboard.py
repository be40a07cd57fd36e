"""A board's month, read by `board_month`: what each section shows, and that a past
month shows only what was known when its reporting cycle closed."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from governance.dashboard import board_month
from governance.models import Action
from governance.months import BoardMonthWindow
from innovations.models import FidelityCriterion
from sites.models import CriterionScore, MetricTarget, Rag, Stage
from sites.services import adaptation_withdraw, adoption_stage_change, progress_update_return
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    GovernanceBoardFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AUG, SEP, OCT = (datetime.date(2025, m, 1) for m in (8, 9, 10))
# September's updates are due on 10 October; its cycle closes at the end of October.
SEP_CLOSE = datetime.datetime(2025, 11, 1, 0, 0, tzinfo=datetime.UTC)
NOW = datetime.datetime(2025, 12, 15, 12, 0, tzinfo=datetime.UTC)
MET, PARTLY, NOT_MET = (
    CriterionScore.Score.MET,
    CriterionScore.Score.PARTLY_MET,
    CriterionScore.Score.NOT_MET,
)


def _at(month, day, hour=12):
    return datetime.datetime(2025, month, day, hour, 0, tzinfo=datetime.UTC)


class Board:
    """One board overseeing two adoptions of one innovation, with a lead each."""

    def __init__(self):
        self.board = GovernanceBoardFactory(name="Test board")
        self.innovation = InnovationFactory(name="Family Safeguarding")
        self.must_haves = [
            FidelityCriterionFactory(innovation=self.innovation, name="Multi-disciplinary team"),
            FidelityCriterionFactory(innovation=self.innovation, name="Motivational interviewing"),
        ]
        self.adaptable = FidelityCriterionFactory(
            innovation=self.innovation, name="Workbook", kind=FidelityCriterion.Kind.ADAPTABLE
        )
        self.families = OutcomeMetricFactory(
            innovation=self.innovation, name="Families supported", unit="families"
        )
        self.alpha = self._adoption("Alpha Council")
        self.beta = self._adoption("Beta Council")

    def _adoption(self, site_name, **fields):
        adoption = AdoptionFactory(
            innovation=self.innovation,
            adopting_site__name=site_name,
            board=self.board,
            started_on=datetime.date(2025, 1, 6),
            stage=Stage.IMPLEMENTATION,
            **fields,
        )
        adoption.lead = UserFactory()
        AdoptionRoleFactory(adoption=adoption, user=adoption.lead)
        return adoption

    def submit(self, adoption, period, rag, when, **fields):
        with time_machine.travel(when, tick=False):
            return ProgressUpdateFactory(
                actor=adoption.lead,
                adoption=adoption,
                period=period,
                rag=rag,
                submit=True,
                **fields,
            )

    def assess(self, adoption, on, scores):
        with time_machine.travel(datetime.datetime.combine(on, datetime.time(12), datetime.UTC)):
            return FidelityAssessmentFactory(
                actor=adoption.lead,
                adoption=adoption,
                assessed_on=on,
                scores={
                    **{c: (s, "") for c, s in zip(self.must_haves, scores, strict=True)},
                    self.adaptable: (MET, ""),
                },
            )

    def month(self, month=SEP, now=NOW):
        return board_month(self.board, BoardMonthWindow.for_month(month, now=now))


@pytest.fixture
def setup():
    return Board()


def _row(month, adoption):
    return next(row for row in month.rows if row.adoption.pk == adoption.pk)


def test_each_adoption_has_its_rag_trend_and_update_status(setup):
    setup.submit(setup.alpha, AUG, Rag.AMBER, _at(9, 5))
    setup.submit(setup.alpha, SEP, Rag.GREEN, _at(10, 5))
    month = setup.month()
    alpha, beta = _row(month, setup.alpha), _row(month, setup.beta)
    assert [point.rag for point in alpha.trend] == [None, None, None, None, "amber", "green"]
    assert (alpha.rag, alpha.previous_rag) == ("green", "amber")
    assert alpha.update_status.code == "submitted"
    assert beta.rag is None
    assert beta.update_status.code == "overdue"
    # Due 10 October; the month's figures are taken on 31 October.
    assert beta.update_status.days_overdue == 21
    assert month.not_reported == [beta]


def test_who_has_not_reported_is_longest_overdue_first_and_leaves_out_discontinued(setup):
    late_starter = setup._adoption("Gamma Council")
    stopped = setup._adoption("Delta Council")
    adoption_stage_change(
        actor=stopped.lead, adoption=stopped, stage=Stage.DISCONTINUED, changed_on=AUG
    )
    setup.submit(setup.alpha, SEP, Rag.GREEN, _at(10, 5))
    month = setup.month()
    assert [row.adoption.pk for row in month.not_reported] == [setup.beta.pk, late_starter.pk]
    assert _row(month, stopped).stage == Stage.DISCONTINUED
    assert not _row(month, stopped).has_not_reported


def test_adoptions_that_started_after_the_month_are_not_on_it(setup):
    later = setup._adoption("Epsilon Council")
    later.started_on = datetime.date(2025, 10, 2)
    later.save()
    assert later.pk not in {row.adoption.pk for row in setup.month().rows}
    assert later.pk in {row.adoption.pk for row in setup.month(OCT).rows}


def test_a_past_month_shows_what_was_known_when_its_cycle_closed(setup):
    """Everything recorded after 31 October leaves September's page unchanged."""
    must_have = setup.must_haves[0]
    with time_machine.travel(_at(9, 15), tick=False):
        proposal = AdaptationFactory(
            actor=setup.alpha.lead, adoption=setup.alpha, criteria=[must_have]
        )
    setup.assess(setup.alpha, datetime.date(2025, 9, 20), [MET, PARTLY])
    before = setup.month()
    with time_machine.travel(_at(11, 10), tick=False):
        setup.submit(setup.beta, SEP, Rag.RED, _at(11, 10), rag_explanation="Staff left.")
        adoption_stage_change(
            actor=setup.alpha.lead,
            adoption=setup.alpha,
            stage=Stage.SUSTAINMENT,
            changed_on=datetime.date(2025, 11, 10),
        )
        adaptation_withdraw(actor=setup.alpha.lead, adaptation=proposal)
    setup.assess(setup.alpha, datetime.date(2025, 11, 12), [NOT_MET, NOT_MET])
    after = setup.month()
    for month in (before, after):
        alpha, beta = _row(month, setup.alpha), _row(month, setup.beta)
        assert beta.update_status.code == "overdue"
        assert beta.rag is None
        assert alpha.stage == Stage.IMPLEMENTATION
        assert alpha.fidelity_score == 75
        assert alpha.awaiting_decision == 1
        assert [a.pk for a in month.awaiting_decision] == [proposal.pk]
        assert [c.score for c in month.heatmaps[0].rows[0].cells] == [MET, PARTLY]
    # October's page, still open on 15 December, does see them.
    october = setup.month(OCT)
    assert _row(october, setup.alpha).stage == Stage.SUSTAINMENT
    assert _row(october, setup.alpha).fidelity_score == 0
    assert october.awaiting_decision == []


def test_a_submission_reviewed_after_the_close_shows_as_submitted_then(setup):
    update = setup.submit(setup.alpha, SEP, Rag.GREEN, _at(10, 5))
    reviewer = UserFactory()
    AdoptionRoleFactory(adoption=setup.alpha, user=reviewer, role="originating_partner")
    with time_machine.travel(_at(11, 3), tick=False):
        progress_update_return(actor=reviewer, update=update, note="Add the figures.")
    assert _row(setup.month(), setup.alpha).update_status.code == "submitted"
    assert _row(setup.month(now=_at(10, 20)), setup.alpha).update_status.code == "submitted"
    assert _row(setup.month(OCT), setup.alpha).trend[-2].rag == "green"


def test_fidelity_score_band_and_change_since_the_previous_assessment(setup):
    setup.assess(setup.alpha, datetime.date(2025, 3, 3), [NOT_MET, PARTLY])
    setup.assess(setup.alpha, datetime.date(2025, 9, 8), [MET, MET])
    alpha = _row(setup.month(), setup.alpha)
    assert (alpha.fidelity_score, alpha.fidelity_band, alpha.fidelity_change) == (
        100,
        "high",
        75,
    )
    assert _row(setup.month(), setup.beta).fidelity_change is None
    assert [row.adoption.pk for row in setup.month().fidelity_changes] == [setup.alpha.pk]


def test_the_heatmap_has_a_row_per_site_and_a_column_per_must_have(setup):
    setup.assess(setup.alpha, datetime.date(2025, 9, 8), [MET, MET])
    setup.assess(setup.beta, datetime.date(2025, 9, 9), [MET, NOT_MET])
    [heatmap] = setup.month().heatmaps
    assert [c.name for c in heatmap.criteria] == [
        "Multi-disciplinary team",
        "Motivational interviewing",
    ]
    assert [[cell.short_label for cell in row.cells] for row in heatmap.rows] == [
        ["Met", "Met"],
        ["Met", "Not met"],
    ]
    team, interviewing = heatmap.spread
    assert team.holds_everywhere and not team.drifting
    assert interviewing.drifting and not interviewing.holds_everywhere


def test_lessons_come_from_submitted_updates_of_the_month_only(setup):
    setup.submit(
        setup.alpha,
        SEP,
        Rag.GREEN,
        _at(10, 5),
        lessons_learned="Co-locating the adult workers made the difference.",
    )
    with time_machine.travel(_at(10, 6), tick=False):
        ProgressUpdateFactory(
            actor=setup.beta.lead,
            adoption=setup.beta,
            period=SEP,
            lessons_learned="Draft thoughts nobody has agreed yet.",
        )
    lessons = setup.month().lessons
    assert [lesson.text for lesson in lessons] == [
        "Co-locating the adult workers made the difference."
    ]


def test_open_actions_as_they_stood_with_overdue_ones_flagged(setup):
    board = setup.board
    late = Action.objects.create(board=board, description="Late", due_on=datetime.date(2025, 10, 1))
    Action.objects.create(
        board=board,
        description="Done after the close",
        due_on=datetime.date(2025, 12, 1),
        status=Action.Status.DONE,
        completed_on=datetime.date(2025, 11, 5),
    )
    Action.objects.create(
        board=board,
        description="Done before the close",
        due_on=datetime.date(2025, 10, 1),
        status=Action.Status.DONE,
        completed_on=datetime.date(2025, 10, 2),
    )
    month = setup.month()
    assert [a.description for a in month.open_actions] == ["Late", "Done after the close"]
    assert [a.pk for a in month.overdue_actions] == [late.pk]
    assert month.overdue_actions[0].days_overdue == 30


def test_rag_counts_compare_this_month_with_last(setup):
    setup.submit(setup.alpha, AUG, Rag.AMBER, _at(9, 5))
    setup.submit(setup.alpha, SEP, Rag.GREEN, _at(10, 5))
    setup.submit(setup.beta, AUG, Rag.AMBER, _at(9, 5))
    counts = {count.rag: (count.this_month, count.last_month) for count in setup.month().rag_counts}
    assert counts["green"] == (1, 0)
    assert counts["amber"] == (0, 2)
    assert counts[None] == (1, 0)
    assert [row.adoption.pk for row in setup.month().rag_changes] == [setup.alpha.pk]


def test_a_board_with_no_adoptions_has_an_empty_month():
    board = GovernanceBoardFactory()
    month = board_month(board, BoardMonthWindow.for_month(SEP, now=NOW))
    assert (month.rows, month.totals, month.heatmaps, month.not_reported) == ([], [], [], [])


def test_metric_figures_and_totals_for_the_board(setup):
    MetricTarget.objects.create(adoption=setup.alpha, metric=setup.families, target=Decimal(40))
    setup.submit(
        setup.alpha, AUG, Rag.GREEN, _at(9, 5), metric_values={setup.families: Decimal(12)}
    )
    setup.submit(
        setup.alpha, SEP, Rag.GREEN, _at(10, 5), metric_values={setup.families: Decimal(18)}
    )
    setup.submit(setup.beta, SEP, Rag.AMBER, _at(10, 5), metric_values={setup.families: Decimal(7)})
    month = setup.month()
    [figure] = _row(month, setup.alpha).metrics
    # Point in time by default: the latest value, 18 of a target of 40.
    assert (figure.value, figure.target, figure.percent_of_target) == (18, 40, 45)
    [totals] = month.totals
    [families] = totals.metrics
    assert (families.total, families.target, families.reporting_sites) == (25, 40, 2)
    assert totals.site_count == 2
