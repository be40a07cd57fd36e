"""What the pages of a board's meetings, decisions and actions share."""

from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from ..models import GovernanceBoard
from ..rules import can_record_for_board


class VisibleBoardMixin:
    """The board in the URL: a 404 for anyone who may not see it."""

    @cached_property
    def board(self) -> GovernanceBoard:
        return get_object_or_404(
            GovernanceBoard.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )


class BoardRecordsMixin(VisibleBoardMixin):
    """The board in the URL, and whether this person records for it.

    Someone who may not see the board gets a 404; an object that is not the board's
    is a 404 too (`get_record` fetches it before any permission check). A page that
    writes (`writes = True`) is for the chair and members: other readers get a 403.
    """

    writes = False

    def get_record(self):
        """The meeting, action or adaptation the URL names; None for pages without one."""
        return None

    def dispatch(self, request, *args, **kwargs):
        self.record = self.get_record()
        self.can_record = can_record_for_board(request.user, self.board)
        if self.writes and not self.can_record:
            raise PermissionDenied("Only the board's chair and members record for the board.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("board", self.board)
        kwargs.setdefault("can_record", self.can_record)
        return super().get_context_data(**kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error)
