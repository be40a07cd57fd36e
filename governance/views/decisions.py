"""Deciding an adaptation that awaits the board: approve or reject it, with a
rationale, as a decision of one of the board's meetings.

The page is reached from the board's dashboard and goes back to the month the person
came from. Only a month (YYYY-MM) is carried, never an address, so the redirect
always stays on the board's own dashboard.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from innovations.models import FidelityCriterion
from sites.models import Adaptation

from ..forms import DECISION_MEETING_CHOICES, AdaptationDecisionForm
from ..months import parse_month
from ..services import adaptation_decide, already_decided_message
from .mixins import BoardRecordsMixin, add_service_errors


class AdaptationDecideView(BoardRecordsMixin, FormView):
    template_name = "governance/adaptation_decide.html"
    form_class = AdaptationDecisionForm
    writes = True

    def get_record(self) -> Adaptation:
        adaptations = (
            Adaptation.objects.filter(adoption__board=self.board)
            .select_related("adoption__innovation", "adoption__adopting_site", "logged_by")
            .prefetch_related(
                Prefetch(
                    "criteria",
                    queryset=FidelityCriterion.objects.order_by("-kind", "position", "id"),
                )
            )
        )
        return get_object_or_404(adaptations, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        meetings = self.board.meetings.order_by("-held_on")[:DECISION_MEETING_CHOICES]
        return {**super().get_form_kwargs(), "meetings": list(meetings)}

    def get_initial(self):
        month = parse_month(self.request.GET.get("month"))
        return {"month": f"{month:%Y-%m}" if month else ""}

    def get_context_data(self, **kwargs):
        adaptation = self.record
        criteria = list(adaptation.criteria.all())
        return super().get_context_data(
            adaptation=adaptation,
            adoption=adaptation.adoption,
            must_haves=[c for c in criteria if c.is_must_have],
            adaptables=[c for c in criteria if not c.is_must_have],
            not_awaiting=(
                "" if adaptation.awaiting_decision else already_decided_message(adaptation)
            ),
            dashboard_url=self.dashboard_url(self.get_initial()["month"]),
            **kwargs,
        )

    def dashboard_url(self, month: str) -> str:
        url = reverse("boards:detail", kwargs={"slug": self.board.slug})
        return f"{url}?month={month}" if month else url

    def form_valid(self, form):
        try:
            decision = adaptation_decide(
                actor=self.request.user,
                adaptation=self.record,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                **form.chosen_meeting,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        adoption = self.record.adoption
        messages.success(
            self.request,
            f"“{self.record.title}” ({adoption.adopting_site.name}) "
            f"{decision.get_outcome_display().lower()} at the meeting of "
            f"{decision.meeting.held_on:%-d %B %Y}. The project lead sees the decision on "
            "the adaptation.",
        )
        return redirect(self.dashboard_url(form.cleaned_data["month"]))
