"""The board list and a board's monthly dashboard. Only members and directory admins
see a board; anyone else gets a 404."""

from django.core.paginator import Paginator
from django.views.generic import ListView, TemplateView

from accounts.rules import invitable_roles

from ..dashboard import board_month
from ..rules import can_record_for_board
from ..selectors import board_list, board_with_members
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


class BoardDashboardView(BoardMonthMixin, TemplateView):
    template_name = "governance/board_dashboard.html"

    def get_board_queryset(self):
        return board_with_members(self.request.user)

    def get_context_data(self, **kwargs):
        board = self.board
        window = self.get_window()
        user = self.request.user
        dashboard = board_month(board, window)
        innovations = dashboard.innovations
        return super().get_context_data(
            board=board,
            window=window,
            dashboard=dashboard,
            # A national board oversees a hundred and more adoptions: the page shows
            # them a page at a time, and the figures of the first few innovations with
            # a link to the rest, so it stays small and quick (bench/RESULTS.md).
            page_obj=Paginator(dashboard.rows, ADOPTIONS_PER_PAGE).get_page(
                self.request.GET.get("page")
            ),
            innovations=innovations[:INNOVATIONS_ON_DASHBOARD],
            more_innovations=len(innovations) - INNOVATIONS_ON_DASHBOARD,
            not_reported=dashboard.not_reported[:NOT_REPORTED_ON_DASHBOARD],
            more_not_reported=len(dashboard.not_reported) - NOT_REPORTED_ON_DASHBOARD,
            lessons=dashboard.lessons[:LESSONS_ON_DASHBOARD],
            more_lessons=len(dashboard.lessons) - LESSONS_ON_DASHBOARD,
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

    def get_board_queryset(self):
        return board_with_members(self.request.user)

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
