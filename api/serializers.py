"""What the API returns for each kind of object. Read-only: nothing here saves.

Every field carries help_text, because the OpenAPI schema (and so the docs page and
the client code people generate) describes fields from it. Related organisations,
innovations and boards are named by slug, as in the page addresses; adoptions and
everything logged against them by id.
"""

from rest_framework import serializers

from governance.models import BoardMembership, GovernanceBoard
from innovations.models import EvidenceSource, FidelityCriterion, Innovation, OutcomeMetric
from sites.models import (
    Adaptation,
    Adoption,
    CriterionScore,
    FidelityAssessment,
    FidelityBand,
    MetricTarget,
    MetricValue,
    ProgressUpdate,
    Site,
    StageChange,
)

from .fields import IdLinkField


def _site(help_text: str, **kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=help_text, **kwargs
    )


# --- The directory --------------------------------------------------------------------


class SiteSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:site-detail",
        lookup_field="slug",
        help_text="This organisation's address in the API.",
    )

    class Meta:
        model = Site
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "region",
            "gss_code",
            "dfe_la_number",
            "website",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the organisation."},
            "slug": {"help_text": "The organisation's name as it appears in addresses."},
            "name": {"help_text": "The organisation's name."},
            "kind": {"help_text": "What kind of organisation it is."},
            "region": {"help_text": "The English region, or the nation, it is in."},
            "website": {"help_text": "The organisation's website, if known."},
        }


class FidelityCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FidelityCriterion
        fields = [
            "id",
            "name",
            "description",
            "kind",
            "dimension",
            "how_evidenced",
            "position",
            "retired_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the criterion in assessment scores."},
            "name": {"help_text": "What must be kept, or what may be adapted."},
            "description": {"help_text": "The criterion in more detail."},
            "kind": {"help_text": "Must-have (core, kept everywhere) or adaptable (periphery)."},
            "dimension": {"help_text": "The dimension of fidelity the criterion is about."},
            "position": {"help_text": "Where the criterion comes in the innovation's list."},
            "retired_at": {
                "help_text": "When the criterion stopped being assessed; null while in use."
            },
        }


class OutcomeMetricSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutcomeMetric
        fields = [
            "id",
            "name",
            "description",
            "unit",
            "higher_is_better",
            "aggregation",
            "position",
            "retired_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the metric in monthly values."},
            "name": {"help_text": "What is counted or measured."},
            "description": {"help_text": "The metric in more detail."},
            "higher_is_better": {"help_text": "Whether a higher value is the better one."},
            "position": {"help_text": "Where the metric comes in the innovation's list."},
            "retired_at": {"help_text": "When the metric stopped being reported; null in use."},
        }


class EvidenceSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceSource
        fields = ["id", "title", "kind", "publisher", "year", "url"]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the source."},
            "title": {"help_text": "The title of the report, paper or guidance."},
            "kind": {"help_text": "What kind of evidence it is."},
            "publisher": {"help_text": "Who published it."},
            "year": {"help_text": "The year it was published."},
            "url": {"help_text": "Where to read it."},
        }


class InnovationSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:innovation-detail",
        lookup_field="slug",
        help_text="This innovation's address in the API.",
    )
    originating_site = _site(
        "The slug of the organisation that first developed and ran it.", allow_null=True
    )
    support_organisations = _site(
        "Slugs of the organisations that help other sites adopt it.", many=True
    )
    themes = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True, help_text="The themes it is listed under."
    )
    criteria = FidelityCriterionSerializer(
        many=True,
        read_only=True,
        help_text="Its must-haves and adaptable parts: what a fidelity assessment scores.",
    )
    metrics = OutcomeMetricSerializer(
        many=True, read_only=True, help_text="The outcome metrics adopting sites report monthly."
    )
    evidence_sources = EvidenceSourceSerializer(
        many=True, read_only=True, help_text="Evaluation reports and other evidence for it."
    )

    class Meta:
        model = Innovation
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "status",
            "summary",
            "problem_addressed",
            "originating_site",
            "original_constraints",
            "original_assets",
            "culture",
            "values",
            "leadership",
            "themes",
            "evidence_level",
            "evidence_summary",
            "evidence_sources",
            "cost_rating",
            "accreditation",
            "support_organisations",
            "criteria",
            "metrics",
            "updated_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the innovation."},
            "slug": {"help_text": "The innovation's name as it appears in addresses."},
            "name": {"help_text": "The innovation's name."},
            "status": {
                "help_text": "Draft, published or archived. Only directory admins see "
                "anything but published entries."
            },
            "problem_addressed": {"help_text": "The problem it addresses."},
            "evidence_level": {
                "help_text": "The strength of evidence, on the Early Intervention "
                "Foundation's scale."
            },
            "evidence_summary": {"help_text": "What the evidence says, in brief."},
            "updated_at": {"help_text": "When the entry was last changed."},
        }


# --- Adoptions ------------------------------------------------------------------------


class StageChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageChange
        fields = ["stage", "changed_on", "note"]
        extra_kwargs = {
            "stage": {"help_text": "The stage the adoption moved into."},
            "changed_on": {"help_text": "The date it moved."},
            "note": {"help_text": "Why it moved, in the lead's words."},
        }


class MetricTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = MetricTarget
        fields = ["metric", "target", "target_date"]
        extra_kwargs = {
            "metric": {"help_text": "The id of the outcome metric."},
            "target": {"help_text": "The value the adoption aims to reach."},
            "target_date": {"help_text": "When it aims to reach it, if set."},
        }


class AdoptionSerializer(serializers.HyperlinkedModelSerializer):
    url = IdLinkField(
        view_name="api:adoption-detail", help_text="This adoption's address in the API."
    )
    innovation = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The slug of the innovation being adopted."
    )
    adopting_site = _site("The slug of the organisation adopting it.")
    partner_site = _site(
        "The slug of the originating partner organisation helping it, if any.", allow_null=True
    )
    support_organisation = _site(
        "The slug of the organisation supporting it, if any.", allow_null=True
    )
    board = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The slug of the governance board overseeing it, if any.",
    )
    stage_changes = StageChangeSerializer(
        many=True, read_only=True, help_text="Its stage history, oldest first."
    )
    targets = MetricTargetSerializer(
        many=True, read_only=True, help_text="What it aims for on each outcome metric."
    )

    class Meta:
        model = Adoption
        fields = [
            "id",
            "url",
            "innovation",
            "adopting_site",
            "partner_site",
            "support_organisation",
            "board",
            "stage",
            "started_on",
            "stage_changes",
            "targets",
            "created_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the adoption (as in its page address)."},
            "stage": {"help_text": "The stage the adoption is in now."},
            "started_on": {"help_text": "When the adoption started."},
            "created_at": {"help_text": "When the adoption was recorded in the service."},
        }


# --- What is logged against an adoption ----------------------------------------------


class _AdoptionRecordSerializer(serializers.HyperlinkedModelSerializer):
    """Something logged against an adoption. It names the innovation and adopting site
    as well, so a reporting tool can group records without looking each adoption up."""

    adoption = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The id of the adoption this belongs to."
    )
    innovation = serializers.SlugRelatedField(
        source="adoption.innovation",
        slug_field="slug",
        read_only=True,
        help_text="The slug of the innovation being adopted.",
    )
    adopting_site = serializers.SlugRelatedField(
        source="adoption.adopting_site",
        slug_field="slug",
        read_only=True,
        help_text="The slug of the organisation adopting it.",
    )


class MetricValueSerializer(serializers.ModelSerializer):
    metric_name = serializers.CharField(
        source="metric.name", read_only=True, help_text="The name of the outcome metric."
    )
    unit = serializers.CharField(
        source="metric.unit", read_only=True, help_text="What the value counts or measures."
    )

    class Meta:
        model = MetricValue
        fields = ["metric", "metric_name", "unit", "value", "note"]
        extra_kwargs = {
            "metric": {"help_text": "The id of the outcome metric."},
            "value": {"help_text": "The value reported for the month."},
            "note": {"help_text": "A note on the value, such as how it was counted."},
        }


class ProgressUpdateSerializer(_AdoptionRecordSerializer):
    url = IdLinkField(
        view_name="api:progress-update-detail", help_text="This update's address in the API."
    )
    lesson_tags = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True, help_text="Tags on the lessons learned."
    )
    metric_values = MetricValueSerializer(
        source="values", many=True, read_only=True, help_text="The month's outcome metric values."
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "url",
            "adoption",
            "innovation",
            "adopting_site",
            "period",
            "status",
            "rag",
            "rag_explanation",
            "summary",
            "achievements",
            "barriers_and_risks",
            "lessons_learned",
            "lesson_tags",
            "next_steps",
            "metric_values",
            "submitted_at",
            "reviewed_at",
            "review_note",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the update."},
            "status": {
                "help_text": "Submitted, returned for revision or accepted. Drafts are the "
                "team's own and never appear here."
            },
            "rag": {"help_text": "Delivery confidence for the month, on a five-point scale."},
            "rag_explanation": {"help_text": "Why the team chose this RAG status."},
            "summary": {"help_text": "The month in a few sentences."},
            "achievements": {"help_text": "What went well."},
            "barriers_and_risks": {"help_text": "What is in the way, and what might go wrong."},
            "lessons_learned": {"help_text": "What the team learned, for other adopters."},
            "next_steps": {"help_text": "What the team will do next month."},
            "submitted_at": {"help_text": "When the update was (last) submitted."},
            "reviewed_at": {"help_text": "When it was accepted or returned, if it has been."},
            "review_note": {"help_text": "The reviewer's note when accepting or returning it."},
        }


class CriterionScoreSerializer(serializers.ModelSerializer):
    criterion_name = serializers.CharField(
        source="criterion.name", read_only=True, help_text="The name of the criterion."
    )
    must_have = serializers.BooleanField(
        source="criterion.is_must_have",
        read_only=True,
        help_text="Whether the criterion is a must-have (the summary score counts only these).",
    )

    class Meta:
        model = CriterionScore
        fields = ["criterion", "criterion_name", "must_have", "score", "evidence_note"]
        extra_kwargs = {
            "criterion": {"help_text": "The id of the fidelity criterion scored."},
            "score": {"help_text": "How far the criterion was met."},
            "evidence_note": {"help_text": "What the score is based on."},
        }


class FidelityAssessmentSerializer(_AdoptionRecordSerializer):
    url = IdLinkField(
        view_name="api:fidelity-assessment-detail",
        help_text="This assessment's address in the API.",
    )
    band = serializers.ChoiceField(
        choices=FidelityBand.choices,
        read_only=True,
        allow_null=True,
        help_text="The must-have score as a band: low (0–50), moderate (51–79), high (80–100).",
    )
    scores = CriterionScoreSerializer(
        many=True, read_only=True, help_text="The score for each criterion assessed."
    )

    class Meta:
        model = FidelityAssessment
        fields = [
            "id",
            "url",
            "adoption",
            "innovation",
            "adopting_site",
            "assessed_on",
            "method",
            "summary",
            "must_have_score",
            "band",
            "scores",
            "recorded_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the assessment."},
            "assessed_on": {"help_text": "The date of the assessment."},
            "method": {
                "help_text": "Who assessed: the team itself, a peer, the originating "
                "team or an accreditor."
            },
            "summary": {"help_text": "The assessors' summary."},
            "must_have_score": {
                "help_text": "The share of must-haves met, as a percentage (partly met counts "
                "half); null if none was scored."
            },
            "recorded_at": {"help_text": "When the assessment was recorded in the service."},
        }


class AdaptationSerializer(_AdoptionRecordSerializer):
    url = IdLinkField(
        view_name="api:adaptation-detail", help_text="This adaptation's address in the API."
    )
    criteria = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text="Ids of the fidelity criteria (must-haves or adaptable parts) it touches.",
    )

    class Meta:
        model = Adaptation
        fields = [
            "id",
            "url",
            "adoption",
            "innovation",
            "adopting_site",
            "title",
            "description",
            "made_on",
            "phase",
            "planning",
            "decided_by",
            "what_modified",
            "level_of_delivery",
            "modification_type",
            "fidelity_relation",
            "goal",
            "reasons_sociopolitical",
            "reasons_organisation",
            "reasons_provider",
            "reasons_recipient",
            "criteria",
            "needs_board_decision",
            "decision_status",
            "decision_rationale",
            "decided_at",
            "created_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the adaptation."},
            "title": {"help_text": "The adaptation in a few words."},
            "made_on": {"help_text": "When the adaptation was made."},
            "phase": {"help_text": "When in the adoption it was made (FRAME)."},
            "planning": {"help_text": "Whether it was planned or unplanned (FRAME)."},
            "decided_by": {"help_text": "Who decided to make it (FRAME)."},
            "what_modified": {"help_text": "What was modified (FRAME)."},
            "level_of_delivery": {"help_text": "The level of delivery it applies to (FRAME)."},
            "modification_type": {"help_text": "The type of modification (FRAME)."},
            "fidelity_relation": {
                "help_text": "Whether it keeps to what makes the innovation work (FRAME)."
            },
            "goal": {"help_text": "What it was meant to achieve (FRAME)."},
            "reasons_sociopolitical": {"help_text": "Reasons from policy, funding or politics."},
            "reasons_organisation": {"help_text": "Reasons from the organisation or setting."},
            "reasons_provider": {"help_text": "Reasons from the practitioners delivering it."},
            "reasons_recipient": {"help_text": "Reasons from the children and families."},
            "decision_status": {
                "help_text": "The governance board's decision, where one is needed."
            },
            "decision_rationale": {"help_text": "Why the board decided as it did."},
            "decided_at": {"help_text": "When the board decided."},
            "created_at": {"help_text": "When the adaptation was logged."},
        }


# --- Boards ---------------------------------------------------------------------------


class BoardMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        source="user.get_full_name", read_only=True, help_text="The member's name."
    )

    class Meta:
        model = BoardMembership
        fields = ["name", "role"]
        extra_kwargs = {"role": {"help_text": "Chair, member or observer."}}


class GovernanceBoardSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:board-detail", lookup_field="slug", help_text="This board's API address."
    )
    members = BoardMemberSerializer(
        source="memberships", many=True, read_only=True, help_text="Who sits on the board."
    )
    adoptions = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Ids of the adoptions the board oversees."
    )

    class Meta:
        model = GovernanceBoard
        fields = ["id", "url", "slug", "name", "description", "digest_day", "members", "adoptions"]
        extra_kwargs = {
            "id": {"help_text": "A number that identifies the board."},
            "slug": {"help_text": "The board's name as it appears in addresses."},
            "name": {"help_text": "The board's name."},
            "description": {"help_text": "What the board is for."},
        }
