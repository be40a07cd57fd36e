"""The board list and a board's monthly dashboard. Only members and directory admins
see a board; anyone else gets a 404."""

from functools import cached_property

from django.core.paginator import Paginator
from django.views.generic import ListView, TemplateView

from accounts.rules import invitable_roles

from ..dashboard import board_month
from ..rules import can_record_for_board
from ..selectors import board_list, board_members
from .mixins import BoardMonthMixin

# How much of a large board's month the dashboard shows at once (the board pack has all).
ADOPTIONS_PER_PAGE = 20
INNOVATIONS_ON_DASHBOARD = 3
NOT_REPORTED_ON_DASHBOARD = 20
LESSONS_ON_DASHBOARD = 10
INNOVATIONS_PER_PAGE = 10


class BoardListView(ListView):
    template_name = "governance/governanceboard_list.html"
    context_object_name = "boards"
    paginate_by = 50

    def get_queryset(self):
        return board_list(self.request.user)


class DashboardMonth:
    """What the dashboard shows of the board's month, worked out only when the template
    asks: when the page's month is kept (`{% cached_fragment %}`), it is not asked.

    A national board oversees a hundred and more adoptions: the page shows them a page
    at a time, and the figures of the first few innovations with a link to the rest,
    so it stays small and quick (bench/RESULTS.md).
    """

    def __init__(self, board, window, page):
        self.board, self.window, self.page = board, window, page

    @cached_property
    def dashboard(self):
        return board_month(self.board, self.window)

    @cached_property
    def page_obj(self):
        return Paginator(self.dashboard.rows, ADOPTIONS_PER_PAGE).get_page(self.page)

    def innovations(self):
        return self.dashboard.innovations[:INNOVATIONS_ON_DASHBOARD]

    def more_innovations(self):
        return len(self.dashboard.innovations) - INNOVATIONS_ON_DASHBOARD

    def not_reported(self):
        return self.dashboard.not_reported[:NOT_REPORTED_ON_DASHBOARD]

    def more_not_reported(self):
        return len(self.dashboard.not_reported) - NOT_REPORTED_ON_DASHBOARD

    def lessons(self):
        return self.dashboard.lessons[:LESSONS_ON_DASHBOARD]

    def more_lessons(self):
        return len(self.dashboard.lessons) - LESSONS_ON_DASHBOARD

    def members(self):
        return board_members(self.board)


class BoardDashboardView(BoardMonthMixin, TemplateView):
    template_name = "governance/board_dashboard.html"

    def get_context_data(self, **kwargs):
        board = self.board
        window = self.get_window()
        user = self.request.user
        return super().get_context_data(
            board=board,
            window=window,
            month=DashboardMonth(board, window, self.request.GET.get("page")),
            can_record=can_record_for_board(user, board),
            can_invite=bool(invitable_roles(user, board)),
            can_change_settings=user.has_perm("governance.change_governanceboard", board),
            month_error=self.month_error,
            **kwargs,
        )


class BoardInnovationsView(BoardMonthMixin, TemplateView):
    """Totals and fidelity heatmaps for every innovation the board oversees, a page of
    innovations at a time, for the same month as the dashboard."""

    template_name = "governance/board_innovations.html"

    def get_context_data(self, **kwargs):
        window = self.get_window()
        dashboard = board_month(self.board, window)
        page = Paginator(dashboard.innovations, INNOVATIONS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            board=self.board,
            window=window,
            dashboard=dashboard,
            page_obj=page,
            innovations=page.object_list,
            month_error=self.month_error,
            **kwargs,
        )
