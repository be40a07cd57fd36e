"""The digest archive, a member's digest subscription, and the board's digest settings.

The archive is for the board's readers (members and directory admins); someone who
may not see the board gets a 404. Settings are for the chair and directory admins:
other readers get a 403.
"""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View

from ..forms import BoardSettingsForm, DigestSubscriptionForm
from ..models import BoardDigest, BoardMembership, DigestDelivery, GovernanceBoard
from ..services import board_digest_day_set, board_digest_subscription_set
from .mixins import VisibleBoardMixin

DIGESTS_PER_PAGE = 24


class BoardMixin(VisibleBoardMixin):
    @cached_property
    def membership(self) -> BoardMembership | None:
        return BoardMembership.objects.filter(board=self.board, user=self.request.user).first()


def archive_url(board: GovernanceBoard) -> str:
    return reverse("boards:digests", kwargs={"slug": board.slug})


class DigestListView(BoardMixin, TemplateView):
    """Every digest the board has sent, newest first, and the reader's own subscription."""

    template_name = "governance/digest_list.html"

    def get_context_data(self, **kwargs):
        digests = (
            BoardDigest.objects.filter(board=self.board)
            .only("pk", "board_id", "period", "subject", "composed_at")
            .annotate(
                sent_count=Count(
                    "deliveries", filter=Q(deliveries__status=DigestDelivery.Status.SENT)
                )
            )
            .order_by("-period")
        )
        page = Paginator(digests, DIGESTS_PER_PAGE).get_page(self.request.GET.get("page"))
        kwargs.setdefault("form", DigestSubscriptionForm())
        return super().get_context_data(
            board=self.board,
            membership=self.membership,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            digests=page.object_list,
            can_change_settings=self.request.user.has_perm(
                "governance.change_governanceboard", self.board
            ),
            **kwargs,
        )


class DigestDetailView(BoardMixin, TemplateView):
    """One digest as it was sent. Its HTML is shown in a sandboxed frame (see template)."""

    template_name = "governance/digest_detail.html"

    def get_context_data(self, **kwargs):
        digest = get_object_or_404(
            BoardDigest.objects.filter(board=self.board), period=self.kwargs["month"]
        )
        return super().get_context_data(board=self.board, digest=digest, **kwargs)


# The digest's own HTML is an email: its styles are inline, as mail clients need. It
# gets a policy of its own that allows those styles and nothing else (no scripts, no
# fetches, no forms), is sandboxed even if opened on its own, and may be framed only by
# our own pages. The rest of the service keeps the strict policy in settings.
DIGEST_EMAIL_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox"
)


class DigestEmailView(BoardMixin, View):
    """The digest's HTML body on its own, for the archive page's sandboxed frame."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        digest = get_object_or_404(
            BoardDigest.objects.filter(board=self.board).only("pk", "body_html"),
            period=self.kwargs["month"],
        )
        response = HttpResponse(digest.body_html, content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = DIGEST_EMAIL_POLICY
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Cache-Control"] = "private, no-store"
        return response


class DigestSubscriptionView(BoardMixin, View):
    """A member turns the board's digest on or off for themselves: POST only."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        membership = self.membership
        if membership is None:
            # Directory admins read every board but are members of few: nothing to change.
            raise Http404("You are not a member of this board.")
        form = DigestSubscriptionForm(request.POST)
        if not form.is_valid():
            view = DigestListView()
            view.setup(request, **self.kwargs)
            return view.render_to_response(view.get_context_data(form=form))
        receives = form.cleaned_data["receives_digest"]
        board_digest_subscription_set(
            actor=request.user, membership=membership, receives_digest=receives
        )
        if receives:
            messages.success(request, f"You will get the {self.board.name} digest by email.")
        else:
            messages.success(
                request, f"You will no longer get the {self.board.name} digest by email."
            )
        return HttpResponseRedirect(archive_url(self.board))


class BoardSettingsView(BoardMixin, FormView):
    template_name = "governance/board_settings.html"
    form_class = BoardSettingsForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("governance.change_governanceboard", self.board):
            raise PermissionDenied("Only the board's chair or a directory admin can change this.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.board,
            "due_day": settings.PROGRESS_UPDATE_DUE_DAY,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(board=self.board, **kwargs)

    def form_valid(self, form):
        board_digest_day_set(
            actor=self.request.user, board=self.board, digest_day=form.cleaned_data["digest_day"]
        )
        messages.success(self.request, "The board's settings have been saved.")
        return HttpResponseRedirect(reverse("boards:detail", kwargs={"slug": self.board.slug}))
