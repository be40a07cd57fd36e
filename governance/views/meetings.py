"""A board's meetings: the list, one meeting with what came of it, and recording one.

Everyone who sees the board reads them; the chair and members record and change them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, FormView, ListView

from ..forms import BoardMeetingForm
from ..models import BoardMeeting
from ..selectors import board_meeting_detail, board_meetings
from ..services import board_meeting_create, board_meeting_update
from .actions import mark_overdue
from .mixins import BoardRecordsMixin, add_service_errors


class MeetingListView(BoardRecordsMixin, ListView):
    template_name = "governance/boardmeeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        return board_meetings(self.board)


class MeetingDetailView(BoardRecordsMixin, DetailView):
    template_name = "governance/boardmeeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return board_meeting_detail(self.board)

    def get_context_data(self, **kwargs):
        actions = list(self.object.actions.all())
        mark_overdue(actions, timezone.localdate())
        return super().get_context_data(actions=actions, **kwargs)


class MeetingFormMixin(BoardRecordsMixin):
    """Record or change a meeting; the service's refusals show on the form."""

    template_name = "governance/boardmeeting_form.html"
    form_class = BoardMeetingForm
    writes = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "meeting": self.record}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.record, **kwargs)

    def form_valid(self, form):
        try:
            meeting = self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Meeting of {meeting.held_on:%-d %B %Y} saved.")
        return redirect("boards:meeting_detail", slug=self.board.slug, pk=meeting.pk)


class MeetingCreateView(MeetingFormMixin, FormView):
    def save(self, data):
        return board_meeting_create(actor=self.request.user, board=self.board, **data)


class MeetingEditView(MeetingFormMixin, FormView):
    def get_record(self):
        return get_object_or_404(BoardMeeting, board=self.board, pk=self.kwargs["pk"])

    def get_initial(self):
        return BoardMeetingForm.initial_for(self.record)

    def save(self, data):
        return board_meeting_update(actor=self.request.user, meeting=self.record, **data)
