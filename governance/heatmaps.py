"""Fidelity across sites: each adopting site's latest score on each must-have.

A board (and the originating partner) reads a heatmap row by row to see how a site is
doing, and column by column to see which tramlines hold everywhere and which drift.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from innovations.models import FidelityCriterion, Innovation
from sites.models import Adoption, CriterionScore, FidelityAssessment, FidelityBand

Score = CriterionScore.Score


def with_fidelity_as_of(adoptions: QuerySet[Adoption], as_of: datetime.datetime):
    """Annotate each adoption with its latest fidelity assessment known at `as_of`
    (id, date, must-have score) and the score of the one before it."""
    known = FidelityAssessment.objects.filter(
        adoption=OuterRef("pk"),
        assessed_on__lte=timezone.localdate(as_of),
        recorded_at__lte=as_of,
    ).order_by("-assessed_on", "-id")
    return adoptions.annotate(
        latest_assessment_id=Subquery(known.values("id")[:1]),
        latest_assessed_on=Subquery(known.values("assessed_on")[:1]),
        latest_fidelity_score=Subquery(known.values("must_have_score")[:1]),
        previous_fidelity_score=Subquery(known.values("must_have_score")[1:2]),
    )


@dataclass(frozen=True)
class HeatmapCell:
    criterion: FidelityCriterion
    score: str | None

    @property
    def label(self) -> str:
        if self.score is None:
            return "No score"
        return Score(self.score).label

    @property
    def short_label(self) -> str:
        """What the cell shows, so the score never rests on colour alone."""
        return {
            Score.MET: "Met",
            Score.PARTLY_MET: "Partly",
            Score.NOT_MET: "Not met",
            Score.NOT_ASSESSED: "N/A",
        }.get(self.score, "–")

    @property
    def colour(self) -> str:
        return {
            Score.MET: "green",
            Score.PARTLY_MET: "yellow",
            Score.NOT_MET: "red",
        }.get(self.score, "grey")


@dataclass
class HeatmapRow:
    adoption: Adoption
    assessed_on: datetime.date | None
    cells: list[HeatmapCell]

    @property
    def band(self) -> FidelityBand | None:
        return FidelityBand.for_score(getattr(self.adoption, "latest_fidelity_score", None))


@dataclass
class CriterionSpread:
    """How one must-have is scored across the sites on a heatmap."""

    criterion: FidelityCriterion
    sites: int
    met: int
    partly_met: int
    not_met: int

    @property
    def assessed(self) -> int:
        return self.met + self.partly_met + self.not_met

    @property
    def not_scored(self) -> int:
        return self.sites - self.assessed

    @property
    def holds_everywhere(self) -> bool:
        return self.assessed > 0 and self.met == self.assessed

    @property
    def drifting(self) -> bool:
        return self.not_met > 0 or self.partly_met * 2 > self.assessed

    @property
    def verdict(self) -> str:
        """In words: holds everywhere, drifting (any site not meeting it, or more than
        half only partly), mostly holds, or not scored yet."""
        if self.holds_everywhere:
            return "Holds everywhere"
        if self.drifting:
            return "Drifting"
        return "Mostly holds" if self.assessed else "Not scored yet"

    @property
    def colour(self) -> str:
        return {
            "Holds everywhere": "green",
            "Drifting": "red",
            "Mostly holds": "yellow",
        }.get(self.verdict, "grey")


@dataclass
class Heatmap:
    innovation: Innovation
    criteria: list[FidelityCriterion]
    rows: list[HeatmapRow]

    @property
    def spread(self) -> list[CriterionSpread]:
        spreads = []
        for index, criterion in enumerate(self.criteria):
            scores = [row.cells[index].score for row in self.rows]
            spreads.append(
                CriterionSpread(
                    criterion=criterion,
                    sites=len(self.rows),
                    met=scores.count(Score.MET),
                    partly_met=scores.count(Score.PARTLY_MET),
                    not_met=scores.count(Score.NOT_MET),
                )
            )
        return spreads

    @property
    def has_scores(self) -> bool:
        return any(row.assessed_on for row in self.rows)


class LatestScores:
    """The must-haves of some adoptions' innovations and each adoption's latest score on
    them (from adoptions annotated by `with_fidelity_as_of`): two queries, after which
    each innovation's heatmap is built only when it is asked for."""

    def __init__(self, adoptions: list[Adoption]):
        self.criteria = defaultdict(list)
        for criterion in FidelityCriterion.objects.filter(
            innovation_id__in={adoption.innovation_id for adoption in adoptions},
            kind=FidelityCriterion.Kind.MUST_HAVE,
            retired_at__isnull=True,
        ).order_by("position", "id"):
            self.criteria[criterion.innovation_id].append(criterion)
        assessment_ids = [a.latest_assessment_id for a in adoptions if a.latest_assessment_id]
        self.scores = {
            (assessment_id, criterion_id): score
            for assessment_id, criterion_id, score in CriterionScore.objects.filter(
                assessment_id__in=assessment_ids
            )
            .order_by()
            .values_list("assessment_id", "criterion_id", "score")
        }

    def heatmap(self, adoptions: list[Adoption]) -> Heatmap:
        """The heatmap of these adoptions, all of one innovation, in the order given."""
        innovation = adoptions[0].innovation
        criteria = self.criteria[innovation.pk]
        return Heatmap(
            innovation=innovation,
            criteria=criteria,
            rows=[
                HeatmapRow(
                    adoption=adoption,
                    assessed_on=adoption.latest_assessed_on,
                    cells=[
                        HeatmapCell(
                            criterion=criterion,
                            score=self.scores.get((adoption.latest_assessment_id, criterion.pk)),
                        )
                        for criterion in criteria
                    ],
                )
                for adoption in adoptions
            ],
        )


def _by_innovation(adoptions: list[Adoption]) -> dict[int, list[Adoption]]:
    """The adoptions grouped by innovation id, in the order each innovation first comes."""
    grouped = defaultdict(list)
    for adoption in adoptions:
        grouped[adoption.innovation_id].append(adoption)
    return grouped


def fidelity_heatmaps(adoptions: list[Adoption]) -> list[Heatmap]:
    """One heatmap per innovation, from adoptions annotated by `with_fidelity_as_of`
    (in the order given). Two queries: the must-haves and the latest scores."""
    scores = LatestScores(adoptions)
    return [scores.heatmap(group) for group in _by_innovation(adoptions).values()]
