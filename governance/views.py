"""Pages about governance boards. Only members and directory admins see a board."""

from django.views.generic import DetailView, ListView

from accounts.rules import invitable_roles

from .selectors import board_detail_queryset, board_list


class BoardListView(ListView):
    template_name = "governance/governanceboard_list.html"
    context_object_name = "boards"
    paginate_by = 50

    def get_queryset(self):
        return board_list(self.request.user)


class BoardDetailView(DetailView):
    template_name = "governance/governanceboard_detail.html"
    context_object_name = "board"

    def get_queryset(self):
        return board_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_invite=bool(invitable_roles(self.request.user, self.object)), **kwargs
        )
