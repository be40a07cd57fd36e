"""The board list and a board's monthly dashboard. Only members and directory admins
see a board; anyone else gets a 404."""

from django.views.generic import ListView, TemplateView

from accounts.rules import invitable_roles

from ..dashboard import board_month
from ..rules import can_record_for_board
from ..selectors import board_list, board_with_members
from .mixins import BoardMonthMixin


class BoardListView(ListView):
    template_name = "governance/governanceboard_list.html"
    context_object_name = "boards"
    paginate_by = 50

    def get_queryset(self):
        return board_list(self.request.user)


class BoardDashboardView(BoardMonthMixin, TemplateView):
    template_name = "governance/board_dashboard.html"

    def get_board_queryset(self):
        return board_with_members(self.request.user)

    def get_context_data(self, **kwargs):
        board = self.board
        window = self.get_window()
        user = self.request.user
        return super().get_context_data(
            board=board,
            window=window,
            dashboard=board_month(board, window),
            can_record=can_record_for_board(user, board),
            can_invite=bool(invitable_roles(user, board)),
            can_change_settings=user.has_perm("governance.change_governanceboard", board),
            month_error=self.month_error,
            **kwargs,
        )
