"""A board's actions: the list with overdue ones marked, adding one, and moving one on.

Everyone who sees the board reads the list; the chair and members keep it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, ListView

from ..forms import ActionCreateForm, ActionUpdateForm
from ..models import Action
from ..selectors import ACTION_FILTERS, board_actions
from ..services import action_create, action_update
from .mixins import BoardRecordsMixin, add_service_errors

SHOW_LABELS = {"open": "Open", "done": "Done or cancelled", "all": "All"}


def mark_overdue(actions, today) -> None:
    """Set `days_overdue` on each action still open after its due date (0 otherwise)."""
    for action in actions:
        still_open = action.status in ACTION_FILTERS["open"]
        action.days_overdue = (today - action.due_on).days if still_open else 0


class ActionListView(BoardRecordsMixin, ListView):
    """Open actions by default; `?show=done` or `?show=all` for the others."""

    template_name = "governance/action_list.html"
    context_object_name = "actions"
    paginate_by = 25

    def get_queryset(self):
        self.show = self.request.GET.get("show")
        if self.show not in ACTION_FILTERS:
            self.show = "open"
        return board_actions(self.board, self.show)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mark_overdue(context["actions"], timezone.localdate())
        context.update(show=self.show, show_labels=SHOW_LABELS)
        return context


class ActionFormMixin(BoardRecordsMixin):
    template_name = "governance/action_form.html"
    writes = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.record, **kwargs)

    def form_valid(self, form):
        try:
            self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect("boards:actions", slug=self.board.slug)


class ActionCreateView(ActionFormMixin, FormView):
    """A new action; `?meeting=<pk>` starts it as agreed at that meeting."""

    form_class = ActionCreateForm
    success_message = "Action added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def get_initial(self):
        meeting = self.request.GET.get("meeting", "")
        return {"meeting": meeting} if meeting.isdigit() else {}

    def save(self, data):
        return action_create(actor=self.request.user, board=self.board, **data)


class ActionEditView(ActionFormMixin, FormView):
    form_class = ActionUpdateForm
    success_message = "Action updated."

    def get_record(self):
        return get_object_or_404(
            Action.objects.select_related("owner", "meeting"),
            board=self.board,
            pk=self.kwargs["pk"],
        )

    def get_initial(self):
        return ActionUpdateForm.initial_for(self.record)

    def save(self, data):
        return action_update(actor=self.request.user, action=self.record, **data)
