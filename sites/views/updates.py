"""Monthly progress updates: the list of months, the update form, and the review.

Everyone who may see the adoption may read its updates; the lead and contributors
write drafts; the lead (and contributors, where the lead allows it) submits; the
originating partner and the board's chair and members review. A submitted update
is read-only except through the review.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import FormView, ListView, View

from ..forms import ContributorsMaySubmitForm, ProgressUpdateForm, ProgressUpdateReviewForm
from ..models import ProgressUpdate
from ..periods import (
    due_date,
    first_reportable_period,
    is_reportable,
    next_month,
    period_status,
    reportable_periods,
    reporting_period,
)
from ..rules import can_edit_adoption, can_review_update, can_submit_update, is_adoption_lead
from ..selectors import latest_returned_update, update_form_data, update_months
from ..services import (
    StaleUpdateError,
    adoption_contributors_may_submit_set,
    progress_update_accept,
    progress_update_return,
    progress_update_save,
    progress_update_submit,
)
from .mixins import AdoptionMixin as SharedAdoptionMixin

EDITABLE = (ProgressUpdate.Status.DRAFT, ProgressUpdate.Status.RETURNED)


def month_name(period: datetime.date) -> str:
    return date_format(period, "F Y")


def _number(value) -> str:
    """12.00 → "12", 12.50 → "12.5", 1200 → "1,200"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


class AdoptionMixin(SharedAdoptionMixin):
    """The adoption from the URL (404 unless this person may see it), with today's date."""

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def permissions(self) -> dict[str, bool]:
        user, adoption = self.request.user, self.adoption
        return {
            "can_edit": can_edit_adoption(user, adoption),
            "can_submit": can_submit_update(user, adoption),
            "can_review": can_review_update(user, adoption),
            "is_lead": is_adoption_lead(user, adoption),
        }


class UpdateListView(AdoptionMixin, ListView):
    """Every month since the adoption started, newest first, twelve to a page."""

    template_name = "sites/progressupdate_list.html"
    paginate_by = 12

    def get_queryset(self):
        return reportable_periods(self.adoption.started_on, self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        permissions = self.permissions()
        rows = update_months(self.adoption, list(context["page_obj"]), today=self.today)
        period = reporting_period(self.today)
        context.update(
            permissions,
            adoption=self.adoption,
            rows=rows,
            reporting_period=period,
            due_on=due_date(period),
            returned=latest_returned_update(self.adoption) if permissions["can_edit"] else None,
            who_submits_form=ContributorsMaySubmitForm(
                initial={
                    "contributors_may_submit": "yes"
                    if self.adoption.contributors_may_submit
                    else "no"
                }
            )
            if permissions["is_lead"]
            else None,
        )
        return context


class ContributorsMaySubmitView(AdoptionMixin, View):
    """The lead decides whether contributors may submit updates (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not is_adoption_lead(request.user, self.adoption):
            raise PermissionDenied("Only the project lead decides who can submit updates.")
        form = ContributorsMaySubmitForm(request.POST)
        if form.is_valid():
            allowed = form.cleaned_data["contributors_may_submit"]
            adoption_contributors_may_submit_set(
                actor=request.user, adoption=self.adoption, allowed=allowed
            )
            messages.success(
                request,
                "Contributors can now submit monthly updates."
                if allowed
                else "Only the project lead can now submit monthly updates.",
            )
        else:
            messages.error(request, "Select who can submit monthly updates.")
        return redirect("adoptions:update_list", pk=self.adoption.pk)


class MonthMixin(AdoptionMixin):
    """The month from the URL; a month that cannot be reported on yet (or any more)
    gets a page saying why, with a 404 status."""

    @property
    def period(self) -> datetime.date:
        return self.kwargs["period"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_reportable(
            self.period, started_on=self.adoption.started_on, today=self.today
        ):
            return self.unavailable()
        return super().dispatch(request, *args, **kwargs)

    def unavailable(self):
        first = first_reportable_period(self.adoption.started_on)
        context = {
            "adoption": self.adoption,
            "period": self.period,
            "too_early": self.period < first,
            "first_period": first,
            "opens_on": next_month(self.period),
        }
        return render(self.request, "sites/progressupdate_unavailable.html", context, status=404)


class UpdateEditView(MonthMixin, View):
    """The month's update: the form for the people who write it, read-only otherwise.

    Both buttons post the whole form: "Save as draft" keeps it editable; "Submit"
    (name="action" value="submit") saves and submits in one go. The version the form
    was opened at travels in a hidden field, so a save after someone else's is refused
    with the person's typed answers kept.
    """

    submit_only = False

    def get(self, request, *args, **kwargs):
        data = update_form_data(self.adoption, self.period)
        permissions = self.permissions()
        update = data.update
        if not permissions["can_edit"] or (update and update.status not in EDITABLE):
            return self.render_detail(data, permissions)
        form = self.make_form(data, initial=self.initial(data))
        return self.render_form(form, data, permissions)

    def post(self, request, *args, **kwargs):
        permissions = self.permissions()
        if not permissions["can_edit"]:
            raise PermissionDenied("Only the project lead and contributors write updates.")
        submitting = self.submit_only or request.POST.get("action") == "submit"
        if submitting and not permissions["can_submit"]:
            raise PermissionDenied("Only the project lead can submit this adoption's updates.")
        data = update_form_data(self.adoption, self.period)
        form = self.make_form(data, posted=request.POST, submitting=submitting)
        if not form.is_valid():
            return self.render_form(form, data, permissions)
        try:
            with transaction.atomic():
                update = progress_update_save(
                    actor=request.user,
                    adoption=self.adoption,
                    period=self.period,
                    fields=form.update_fields(),
                    metric_values=form.metric_values(),
                    expected_version=form.cleaned_data["version"],
                    lesson_tags=form.cleaned_data["lesson_tags"],
                    new_lesson_tags=form.cleaned_data["new_lesson_tags"],
                )
                if submitting:
                    update = progress_update_submit(actor=request.user, update=update)
        except StaleUpdateError:
            return self.render_stale(form, permissions, submitting=submitting)
        except ValidationError as error:
            _add_errors(form, error)
            return self.render_form(form, data, permissions)
        month = month_name(self.period)
        if submitting:
            messages.success(request, f"The update for {month} has been submitted.")
            return redirect("adoptions:update_list", pk=self.adoption.pk)
        messages.success(request, f"Your draft of the {month} update has been saved.")
        return redirect(self.edit_url())

    # --- building the page ---

    def edit_url(self) -> str:
        return reverse(
            "adoptions:update_edit", kwargs={"pk": self.adoption.pk, "period": self.period}
        )

    def initial(self, data) -> dict:
        update = data.update
        if update is None:
            initial = {"version": 0}
            if data.previous:
                for name in ProgressUpdateForm.NARRATIVE_FIELDS:
                    initial[name] = getattr(data.previous, name)
            return initial
        initial = {
            "version": update.version,
            "rag": update.rag,
            "rag_explanation": update.rag_explanation,
            "lesson_tags": [tag.pk for tag in update.lesson_tags.all()],
        }
        for name in ProgressUpdateForm.NARRATIVE_FIELDS:
            initial[name] = getattr(update, name)
        for metric_id, value in data.values.items():
            initial[f"metric_{metric_id}"] = _number(value.value).replace(",", "")
        return initial

    def metric_hints(self, data) -> dict[int, str]:
        previous_month_name = month_name(self.period.replace(day=1) - datetime.timedelta(days=1))
        hints = {}
        for metric in data.metrics:
            parts = []
            previous = data.previous_values.get(metric.pk)
            if previous is not None:
                parts.append(f"{previous_month_name}: {_number(previous.value)}")
            else:
                parts.append(f"{previous_month_name}: no value")
            target = data.targets.get(metric.pk)
            if target is not None:
                by = f" by {date_format(target.target_date, 'j F Y')}" if target.target_date else ""
                parts.append(f"Target: {_number(target.target)}{by}")
            else:
                parts.append("No target set")
            if metric.description:
                parts.append(metric.description.strip().rstrip("."))
            hints[metric.pk] = ". ".join(parts) + "."
        return hints

    def make_form(self, data, *, posted=None, initial=None, submitting=False):
        update = data.update
        return ProgressUpdateForm(
            posted,
            initial=initial,
            metrics=data.metrics,
            metric_hints=self.metric_hints(data),
            submitting=submitting,
            rag_required=bool(update and update.status == ProgressUpdate.Status.RETURNED),
        )

    def context(self, data, permissions, **extra) -> dict:
        update = data.update
        status = period_status(
            self.period, update_status=update.status if update else None, today=self.today
        )
        return {
            **permissions,
            "adoption": self.adoption,
            "period": self.period,
            "previous_period": (self.period - datetime.timedelta(days=1)).replace(day=1),
            "update": update,
            "previous": data.previous,
            "status": status,
            "metric_rows": [
                (m, data.values.get(m.pk), data.previous_values.get(m.pk), data.targets.get(m.pk))
                for m in data.metrics
            ],
            "can_review_now": permissions["can_review"]
            and update is not None
            and update.status == ProgressUpdate.Status.SUBMITTED,
            **extra,
        }

    def render_form(self, form, data, permissions, status=200, **extra):
        prefilled_from = None
        if not form.is_bound and data.update is None and data.previous is not None:
            prefilled_from = data.previous.period
        context = self.context(data, permissions, form=form, prefilled_from=prefilled_from)
        context.setdefault("editable", True)
        context.update(extra)
        return render(self.request, "sites/progressupdate_form.html", context, status=status)

    def render_detail(self, data, permissions):
        context = self.context(data, permissions)
        return render(self.request, "sites/progressupdate_detail.html", context)

    def render_stale(self, form, permissions, *, submitting):
        """Someone saved (or submitted) since this person opened the form: keep every
        answer they typed, show what the other person saved, and let them decide."""
        data = update_form_data(self.adoption, self.period)
        current = data.update
        last = current.history.select_related("history_user").first()
        who = last.history_user if last and last.history_user else current.created_by
        when = date_format(timezone.localtime(current.updated_at), "j F Y \\a\\t H:i")
        still_editable = current.status in EDITABLE
        if still_editable:
            message = (
                f"{who} saved this update at {when}, after you opened it, so your changes "
                "have not been saved. Your answers are still in the form. Check what they "
                "saved (shown below the form), then save again to replace it with your "
                "answers."
            )
        else:
            message = (
                f"{who} submitted this update at {when}, after you opened it, so it can no "
                "longer be changed and your changes have not been saved. Your answers are "
                "still in the form: copy anything you need."
            )
        # The person has now seen the other version: saving again replaces it.
        posted = self.request.POST.copy()
        posted["version"] = str(current.version)
        fresh = self.make_form(data, posted=posted, submitting=submitting)
        fresh.is_valid()
        fresh.add_error(None, message)
        return self.render_form(
            fresh,
            data,
            permissions,
            status=409,
            editable=still_editable,
            other_update=current,
            other_author=who,
        )


class UpdateSubmitView(UpdateEditView):
    """The form's "Submit" button: save what is on the page and submit it (POST only)."""

    http_method_names = ["post"]
    submit_only = True


class UpdateReviewView(MonthMixin, FormView):
    """The originating partner or a board chair or member accepts a submitted update,
    or returns it to the team with a note."""

    template_name = "sites/progressupdate_review.html"
    form_class = ProgressUpdateReviewForm

    @cached_property
    def update(self) -> ProgressUpdate:
        return get_object_or_404(
            ProgressUpdate.objects.select_related("submitted_by", "reviewed_by"),
            adoption=self.adoption,
            period=self.period,
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.update  # noqa: B018 – a 404 before the 403 below
            if not can_review_update(request.user, self.adoption):
                raise PermissionDenied(
                    "Only the originating partner or a chair or member of the adoption's "
                    "board reviews its updates."
                )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        data = update_form_data(self.adoption, self.period)
        status = period_status(self.period, update_status=self.update.status, today=self.today)
        return super().get_context_data(
            adoption=self.adoption,
            period=self.period,
            update=data.update,
            previous=data.previous,
            status=status,
            metric_rows=[
                (m, data.values.get(m.pk), data.previous_values.get(m.pk), data.targets.get(m.pk))
                for m in data.metrics
            ],
            awaiting_review=self.update.status == ProgressUpdate.Status.SUBMITTED,
            **kwargs,
        )

    def form_valid(self, form):
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == form.RETURN:
                progress_update_return(actor=self.request.user, update=self.update, note=note)
            else:
                progress_update_accept(actor=self.request.user, update=self.update, note=note)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        month = month_name(self.period)
        messages.success(
            self.request,
            f"The {month} update has been returned to the team for revision."
            if decision == form.RETURN
            else f"The {month} update has been accepted.",
        )
        return redirect("adoptions:update_list", pk=self.adoption.pk)


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal, shown against the field it is about where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
