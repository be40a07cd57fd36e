"""One combined timeline for the adoptions a site runs as one programme.

Each kind of event comes from its own table, newest first and capped, and the lists
are merged by date: a fixed number of queries however long the history is.
"""

import datetime
import heapq
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from .models import (
    Accreditation,
    Adaptation,
    FidelityAssessment,
    Milestone,
    MustHaveConflict,
    ProgressUpdate,
    StageChange,
)


@dataclass(frozen=True)
class TimelineEvent:
    on: datetime.date
    kind: str
    text: str
    # The programme's adoption it is about (None for the programme as a whole).
    adoption_id: int | None = None
    innovation: str = ""
    url: str = ""
    programme_id: int | None = None


def _day(moment) -> datetime.date:
    return timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment


def _adoption_url(name: str, adoption_id: int, **kwargs) -> str:
    return reverse(f"adoptions:{name}", kwargs={"pk": adoption_id, **kwargs})


def _events(adoptions, programmes, limit: int):
    """Each source's newest `limit` events, each list newest first."""
    by_adoption = {"adoption__in": adoptions}
    innovation = {adoption.pk: adoption.innovation.name for adoption in adoptions}
    programme_of = {adoption.pk: adoption.programme_id for adoption in adoptions}

    def event(on, kind, text, adoption_id, url=""):
        return TimelineEvent(
            on=_day(on),
            kind=kind,
            text=text,
            adoption_id=adoption_id,
            innovation=innovation[adoption_id],
            url=url,
            programme_id=programme_of[adoption_id],
        )

    yield [
        event(
            change.changed_on,
            "Stage",
            f"Moved to {change.get_stage_display().lower()}"
            + (f": {change.note}" if change.note else ""),
            change.adoption_id,
            _adoption_url("stage", change.adoption_id),
        )
        for change in StageChange.objects.filter(**by_adoption).order_by(
            "-changed_on", "-recorded_at"
        )[:limit]
    ]
    yield [
        event(
            update.submitted_at,
            "Monthly update",
            f"Update for {update.period:%B %Y} submitted"
            + (f": {update.get_rag_display()}" if update.rag else ""),
            update.adoption_id,
            _adoption_url("update_edit", update.adoption_id, period=update.period),
        )
        for update in ProgressUpdate.objects.filter(
            **by_adoption, status=ProgressUpdate.Status.SUBMITTED
        ).order_by("-submitted_at")[:limit]
    ]
    yield [
        event(
            adaptation.made_on,
            "Adaptation",
            f"Adaptation logged: {adaptation.title}",
            adaptation.adoption_id,
            _adoption_url("adaptation_detail", adaptation.adoption_id, adaptation_pk=adaptation.pk),
        )
        for adaptation in Adaptation.objects.filter(**by_adoption)
        .only("pk", "adoption_id", "title", "made_on")
        .order_by("-made_on", "-pk")[:limit]
    ]
    yield [
        event(
            adaptation.decided_at,
            "Board decision",
            f"The board {adaptation.get_decision_status_display().lower()} “{adaptation.title}”",
            adaptation.adoption_id,
            _adoption_url("adaptation_detail", adaptation.adoption_id, adaptation_pk=adaptation.pk),
        )
        for adaptation in Adaptation.objects.filter(
            **by_adoption,
            needs_board_decision=True,
            decision_status__in=[
                Adaptation.DecisionStatus.APPROVED,
                Adaptation.DecisionStatus.REJECTED,
            ],
        )
        .only("pk", "adoption_id", "title", "decision_status", "decided_at")
        .order_by("-decided_at", "-pk")[:limit]
    ]
    yield [
        event(
            assessment.assessed_on,
            "Fidelity",
            f"Fidelity assessed ({assessment.get_method_display().lower()})"
            + (
                f": {assessment.must_have_score}% on must-haves"
                if assessment.must_have_score is not None
                else ""
            ),
            assessment.adoption_id,
            _adoption_url("assessment_detail", assessment.adoption_id, assessment_pk=assessment.pk),
        )
        for assessment in FidelityAssessment.objects.filter(**by_adoption).order_by(
            "-assessed_on", "-pk"
        )[:limit]
    ]
    yield [
        event(
            milestone.completed_on,
            "Milestone",
            f"Milestone completed: {milestone.title}",
            milestone.adoption_id,
            _adoption_url("milestones", milestone.adoption_id),
        )
        for milestone in Milestone.objects.filter(
            **by_adoption, completed_on__isnull=False
        ).order_by("-completed_on", "-pk")[:limit]
    ]
    yield [
        event(
            accreditation.awarded_on,
            "Accreditation",
            f"{accreditation.get_kind_display()} awarded: {accreditation.standard}",
            accreditation.adoption_id,
            _adoption_url("accreditations", accreditation.adoption_id),
        )
        for accreditation in Accreditation.objects.filter(
            **by_adoption, awarded_on__isnull=False
        ).order_by("-awarded_on", "-pk")[:limit]
    ]
    conflicts = MustHaveConflict.objects.filter(programme__in=programmes).select_related(
        "first_criterion", "second_criterion"
    )
    for moment, verb, rows in (
        ("recorded_at", "recorded", conflicts),
        ("resolved_at", "resolved", conflicts.filter(resolved_at__isnull=False)),
    ):
        yield [
            TimelineEvent(
                on=_day(getattr(conflict, moment)),
                kind="Conflict",
                text=f"Conflict {verb} between “{conflict.first_criterion}” and "
                f"“{conflict.second_criterion}”",
                programme_id=conflict.programme_id,
            )
            for conflict in rows.order_by(f"-{moment}")[:limit]
        ]


def combined_timeline(adoptions, programmes, *, limit: int) -> list[TimelineEvent]:
    """The newest `limit` events across `adoptions` and `programmes`, newest first."""
    if not adoptions and not programmes:
        return []
    streams = list(_events(list(adoptions), list(programmes), limit))
    merged = heapq.merge(*streams, key=lambda event: event.on, reverse=True)
    return [event for _, event in zip(range(limit), merged, strict=False)]
