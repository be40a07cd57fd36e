"""The permission matrix: every URL × every kind of person, written once.

Each row of MATRIX is one page (and, where it matters, which object), with what
each actor gets, in the order of `tests.world.ACTORS`:

    anonymous, unrelated user, lead, contributor, originating partner,
    board member, board chair, board observer, directory admin

Expected outcomes: a status code; LOGIN (redirect to the sign-in page with
?next= the page); or Redirect(url). Someone else's adoption or board is a 404,
never a 403, so the page does not reveal that it exists.

A new URL pattern without a row here fails `test_every_url_pattern_is_in_the_matrix`.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.tokens import invitation_token
from governance.models import GovernanceBoard
from innovations.models import Innovation
from sites.models import Adoption
from tests.api.objects import api_token, api_update
from tests.figures import figure_add
from tests.world import (
    ACTORS,
    World,
    world_action,
    world_adaptation,
    world_assessment,
    world_conflict,
    world_invitation,
    world_journey_row,
    world_meeting,
    world_programme,
    world_update_period,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Redirect:
    url: str


LOGIN = "redirect to sign in"
HOME = Redirect("/")
DIRECTORY = Redirect("/directory/")
# A form post that succeeded: redirected to one of the adoption's own pages.
SAVED = "saved: redirect to a page under /adoptions/"


@dataclass(frozen=True)
class Row:
    url_name: str
    case: str
    kwargs: Callable[[World], dict]
    expected: tuple
    method: str = "get"

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.case}]" if self.case else self.url_name


def no_kwargs(world):
    return {}


def _all(outcome):
    return (outcome,) * len(ACTORS)


def _signed_in(anonymous, everyone_else):
    return (anonymous,) + (everyone_else,) * (len(ACTORS) - 1)


#                         anon   unrel lead contr partn membr chair obsrv admin
OWN_ADOPTION_OUTCOMES = (LOGIN, 404, 200, 200, 200, 200, 200, 200, 200)
OTHER_OBJECT_OUTCOMES = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200)
OWN_BOARD_OUTCOMES = (LOGIN, 404, 404, 404, 404, 200, 200, 200, 200)
ADMIN_ONLY_OUTCOMES = (404, 404, 404, 404, 404, 404, 404, 404, 200)
# Maintenance pages that are not secret, only not theirs to use: 403, not 404.
ADMIN_TOOL_OUTCOMES = (LOGIN, 403, 403, 403, 403, 403, 403, 403, 200)

# Directory maintenance: the pages about one entry (directory admins only).
MAINTENANCE_PAGES = (
    "innovations:edit",
    "innovations:criteria",
    "innovations:metrics",
    "innovations:evidence",
    "innovations:resources",
    "innovations:status",
    "innovations:history",
)

# People pages are for directory admins; to anyone else they do not exist.
PEOPLE_OUTCOMES = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200)
INVITATIONS = Redirect("/invitations/")


def _lead_grant(world):
    grant = world.lead.adoption_roles.get(adoption=world.adoption)
    return {"pk": world.lead.pk, "kind": "adoption", "grant_pk": grant.pk}


# The adoption journey's sub-pages. The team (lead and contributors) edits, the lead
# alone changes partners and stage; everyone else who sees the adoption reads (403 on
# a form); a directory admin sees every adoption but edits none.
#                       anon   unrel lead   contr  partn membr chair obsrv admin
JOURNEY_TEAM_FORM = (LOGIN, 404, 200, 200, 403, 403, 403, 403, 403)
JOURNEY_TEAM_SAVES = (LOGIN, 404, SAVED, SAVED, 403, 403, 403, 403, 403)
JOURNEY_LEAD_SAVES = (LOGIN, 404, SAVED, 403, 403, 403, 403, 403, 403)
JOURNEY_LEAD_FORM = (LOGIN, 404, 200, 403, 403, 403, 403, 403, 403)
JOURNEY_OTHER_FORM = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403)


def _own(world):
    return {"pk": world.adoption.pk}


def _other(world):
    return {"pk": world.other_adoption.pk}


def _row(kind, adoption):
    def kwargs(world):
        row = world_journey_row(world, kind, adoption)
        return {"pk": row.adoption_id, "item": row.pk}

    return kwargs


# Board meetings, decisions and actions: recorded by the chair and members.
#                        anon   unrel lead contr partn membr chair obsrv admin
BOARD_RECORDS_FORM = (LOGIN, 404, 404, 404, 404, 200, 200, 403, 403)
BOARD_RECORDS_OTHER = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403)


def _board(world):
    return {"slug": world.board.slug}


def _other_board(world):
    return {"slug": world.other_board.slug}


def _board_meeting(world):
    return {"slug": world.board.slug, "pk": world_meeting(world).pk}


def _other_board_meeting(world):
    return {"slug": world.other_board.slug, "pk": world_meeting(world, "other_board").pk}


def _board_adaptation(world):
    return {"slug": world.board.slug, "pk": world_adaptation(world).pk}


def _other_board_adaptation(world):
    return {"slug": world.other_board.slug, "pk": world_adaptation(world, "other_adoption").pk}


def _board_action(world):
    return {"slug": world.board.slug, "pk": world_action(world).pk}


def _other_board_action(world):
    return {"slug": world.other_board.slug, "pk": world_action(world, "other_board").pk}


def _foreign_meeting(world):
    return {"slug": world.board.slug, "pk": world_meeting(world, "other_board").pk}


def _foreign_adaptation(world):
    return {"slug": world.board.slug, "pk": world_adaptation(world, "other_adoption").pk}


def _foreign_action(world):
    return {"slug": world.board.slug, "pk": world_action(world, "other_board").pk}


# The read-only JSON API (issue 7).
#                  anon unrel lead contr partn membr chair obsrv admin
API_OWN_ADOPTION = (401, 404, 200, 200, 200, 200, 200, 200, 200)
API_OTHER_OBJECT = (401, 404, 404, 404, 404, 404, 404, 404, 200)
API_OWN_BOARD = (401, 404, 404, 404, 404, 200, 200, 200, 200)


def _api_update(adoption):
    return lambda world: {"pk": api_update(world, adoption).pk}


def _board_digest(board_name):
    """A board's stored digest of last month (composed, not sent)."""

    def kwargs(world):
        from django.utils import timezone

        from governance.digests import digest_period, digest_plan

        board = getattr(world, board_name)
        period = digest_period(timezone.localdate())
        digest_plan(board=board, period=period, now=timezone.now(), queue=False)
        return {"slug": board.slug, "month": period}

    return kwargs


MATRIX = [
    Row("home", "", no_kwargs, _signed_in(DIRECTORY, 200)),
    Row("login", "", no_kwargs, _signed_in(200, HOME)),
    Row("logout", "", no_kwargs, _signed_in(LOGIN, HOME), method="post"),
    # A second factor, for admin accounts only: setting up the app, then a code per
    # sign-in (an admin with no app yet is sent to set one up).
    Row("two_factor_setup", "", no_kwargs, PEOPLE_OUTCOMES),
    Row(
        "two_factor_verify",
        "",
        no_kwargs,
        PEOPLE_OUTCOMES[:-1] + (Redirect("/accounts/two-factor/setup/"),),
    ),
    Row("healthz", "", no_kwargs, _all(200)),
    Row("accessibility", "", no_kwargs, _all(200)),
    Row("healthz_live", "", no_kwargs, _all(200)),
    Row("innovations:list", "", no_kwargs, _all(200)),
    Row(
        "innovations:detail",
        "published",
        lambda w: {"slug": w.innovation.slug},
        _all(200),
    ),
    Row(
        "innovations:detail",
        "draft",
        lambda w: {"slug": w.draft_innovation.slug},
        ADMIN_ONLY_OUTCOMES,
    ),
    Row(
        "innovations:detail",
        "archived",
        lambda w: {"slug": w.archived_innovation.slug},
        ADMIN_ONLY_OUTCOMES,
    ),
    Row("adoptions:detail", "own", lambda w: {"pk": w.adoption.pk}, OWN_ADOPTION_OUTCOMES),
    Row("adoptions:detail", "other", lambda w: {"pk": w.other_adoption.pk}, OTHER_OBJECT_OUTCOMES),
    Row("boards:list", "", no_kwargs, _signed_in(LOGIN, 200)),
    Row("boards:detail", "own", lambda w: {"slug": w.board.slug}, OWN_BOARD_OUTCOMES),
    Row("boards:detail", "other", lambda w: {"slug": w.other_board.slug}, OTHER_OBJECT_OUTCOMES),
    Row("boards:innovations", "own", lambda w: {"slug": w.board.slug}, OWN_BOARD_OUTCOMES),
    Row(
        "boards:innovations",
        "other",
        lambda w: {"slug": w.other_board.slug},
        OTHER_OBJECT_OUTCOMES,
    ),
    # --- directory browsing ---
    # --- directory maintenance ---
    # Adding an entry is a directory tool (403 for others, like sites and import);
    # every page about an entry is fetched from `editable_by`, so it is a 404 to
    # anyone but a directory admin, published or not.
    Row("innovations:create", "", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row("innovations:create", "POST", no_kwargs, ADMIN_TOOL_OUTCOMES, method="post"),
    *(
        Row(name, case, lambda w, case=case: {"slug": getattr(w, case).slug}, OTHER_OBJECT_OUTCOMES)
        for name in MAINTENANCE_PAGES
        for case in ("innovation", "draft_innovation", "archived_innovation")
    ),
    *(
        Row(name, "POST", lambda w: {"slug": w.innovation.slug}, OTHER_OBJECT_OUTCOMES, "post")
        for name in MAINTENANCE_PAGES
        if name != "innovations:history"
    ),
    Row(
        "innovations:history",
        "POST",
        lambda w: {"slug": w.innovation.slug},
        (LOGIN,) + (404,) * 7 + (405,),
        method="post",
    ),
    # --- sites, directory export and import ---
    # Sites are no secret from anyone signed in; maintaining them, and exporting or
    # importing the directory, is for directory admins: 403 for everyone else.
    Row("sites:list", "", no_kwargs, _signed_in(LOGIN, 200)),
    Row("sites:detail", "", lambda w: {"slug": w.adopting_site.slug}, _signed_in(LOGIN, 200)),
    Row("sites:create", "", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row("sites:edit", "", lambda w: {"slug": w.other_site.slug}, ADMIN_TOOL_OUTCOMES),
    Row("innovations:export", "", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row("innovations:export_csv", "", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row("innovations:export_xlsx", "", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row("innovations:import", "", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row(
        "innovations:import_template",
        "sites",
        lambda w: {"kind": "sites"},
        ADMIN_TOOL_OUTCOMES,
    ),
    Row(
        "innovations:import_template",
        "innovations",
        lambda w: {"kind": "innovations"},
        ADMIN_TOOL_OUTCOMES,
    ),
    Row(
        "innovations:import_preview",
        "unknown token",
        lambda w: {"token": "no-such-upload"},
        (LOGIN,) + (403,) * 7 + (Redirect("/directory/import/"),),
    ),
    # --- adoption overview and journey ---
    *[
        Row(f"adoptions:{name}", case, kwargs, expected, method)
        for name, case, kwargs, expected, method in (
            # Pages everyone who sees the adoption may read.
            *[
                (name, "own", _own, OWN_ADOPTION_OUTCOMES, "get")
                for name in ("partnerships", "innovation", "context", "readiness", "stage")
            ],
            ("milestones", "own", _own, OWN_ADOPTION_OUTCOMES, "get"),
            ("accreditations", "own", _own, OWN_ADOPTION_OUTCOMES, "get"),
            ("accreditations", "other", _other, OTHER_OBJECT_OUTCOMES, "get"),
            *[
                (name, "other", _other, OTHER_OBJECT_OUTCOMES, "get")
                for name in (
                    "partnerships",
                    "innovation",
                    "context",
                    "readiness",
                    "stage",
                    "milestones",
                )
            ],
            # Posting to them: the team (notes), or the lead alone (partners, stage).
            ("innovation", "own, empty notes", _own, JOURNEY_TEAM_SAVES, "post"),
            ("partnerships", "own, only the lead", _own, JOURNEY_LEAD_SAVES, "post"),
            ("stage", "own, only the lead", _own, JOURNEY_LEAD_FORM, "post"),
            *[
                (name, "other", _other, JOURNEY_OTHER_FORM, "post")
                for name in ("innovation", "partnerships", "stage")
            ],
            # Pages that are only a form: the team opens them; a post with nothing
            # in it shows the form again with its errors.
            *[
                (f"{name}_new", case, kwargs, expected, method)
                for name in (
                    "exchange",
                    "context_factor",
                    "readiness_item",
                    "milestone",
                    "accreditation",
                )
                for case, kwargs, expected, method in (
                    ("own", _own, JOURNEY_TEAM_FORM, "get"),
                    ("own", _own, JOURNEY_TEAM_FORM, "post"),
                    ("other", _other, JOURNEY_OTHER_FORM, "get"),
                    ("other", _other, JOURNEY_OTHER_FORM, "post"),
                )
            ],
            *[
                (f"{name}_{action}", case, _row(kind, adoption), expected, method)
                for name, kind in (
                    ("exchange", "exchange"),
                    ("context_factor", "factor"),
                    ("readiness_item", "readiness"),
                    ("milestone", "milestone"),
                    ("accreditation", "accreditation"),
                )
                for action, post_outcome in (
                    ("edit", JOURNEY_TEAM_FORM),
                    ("delete", JOURNEY_TEAM_SAVES),
                )
                for case, adoption, expected, method in (
                    ("own", "adoption", JOURNEY_TEAM_FORM, "get"),
                    ("own", "adoption", post_outcome, "post"),
                    ("other", "other_adoption", JOURNEY_OTHER_FORM, "get"),
                    ("other", "other_adoption", JOURNEY_OTHER_FORM, "post"),
                )
            ],
            # Quick actions from the lists: POST only.
            *[
                (name, case, _row(kind, adoption), expected, method)
                for name, kind in (
                    ("readiness_item_status", "readiness"),
                    ("milestone_complete", "milestone"),
                )
                for case, adoption, expected, method in (
                    ("own", "adoption", _signed_in(LOGIN, 405), "get"),
                    ("own", "adoption", JOURNEY_TEAM_SAVES, "post"),
                    ("other", "other_adoption", JOURNEY_OTHER_FORM, "post"),
                )
            ],
            # Another adoption's row under this adoption's address is not found.
            (
                "exchange_edit",
                "own adoption, other's exchange",
                lambda w: {
                    "pk": w.adoption.pk,
                    "item": world_journey_row(w, "exchange", "other_adoption").pk,
                },
                (LOGIN, 404, 404, 404, 403, 403, 403, 403, 403),
                "get",
            ),
        )
    ],
    # --- monthly progress updates ---
    Row("adoptions:update_list", "own", lambda w: {"pk": w.adoption.pk}, OWN_ADOPTION_OUTCOMES),
    Row(
        "adoptions:update_list",
        "other",
        lambda w: {"pk": w.other_adoption.pk},
        OTHER_OBJECT_OUTCOMES,
    ),
    Row(
        "adoptions:update_who_submits",
        "own, only the lead",
        lambda w: {"pk": w.adoption.pk},
        (LOGIN, 404, Redirect("/adoptions/{pk}/updates/"), 403, 403, 403, 403, 403, 403),
        method="post",
    ),
    Row(
        "adoptions:update_who_submits",
        "other",
        lambda w: {"pk": w.other_adoption.pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403),
        method="post",
    ),
    Row(
        "adoptions:update_edit",
        "own, no update yet",
        lambda w: {"pk": w.adoption.pk, "period": "2024-12"},
        OWN_ADOPTION_OUTCOMES,
    ),
    Row(
        "adoptions:update_edit",
        "own, submitted",
        lambda w: {"pk": w.adoption.pk, "period": world_update_period(w)},
        OWN_ADOPTION_OUTCOMES,
    ),
    Row(
        "adoptions:update_edit",
        "own, before the start",
        lambda w: {"pk": w.adoption.pk, "period": "2024-03"},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    Row(
        "adoptions:update_edit",
        "own, save draft (empty form)",
        lambda w: {"pk": w.adoption.pk, "period": "2024-12"},
        (LOGIN, 404, 200, 200, 403, 403, 403, 403, 403),
        method="post",
    ),
    Row(
        "adoptions:update_edit",
        "other",
        lambda w: {"pk": w.other_adoption.pk, "period": world_update_period(w, other=True)},
        OTHER_OBJECT_OUTCOMES,
    ),
    Row(
        "adoptions:update_submit",
        "own, empty form",
        lambda w: {"pk": w.adoption.pk, "period": "2024-12"},
        (LOGIN, 404, 200, 403, 403, 403, 403, 403, 403),
        method="post",
    ),
    Row(
        "adoptions:update_submit",
        "other",
        lambda w: {"pk": w.other_adoption.pk, "period": "2024-12"},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403),
        method="post",
    ),
    Row(
        "adoptions:update_review",
        "own, submitted",
        lambda w: {"pk": w.adoption.pk, "period": world_update_period(w)},
        (LOGIN, 404, 403, 403, 200, 200, 200, 403, 403),
    ),
    Row(
        "adoptions:update_review",
        "own, no update",
        lambda w: {"pk": w.adoption.pk, "period": "2024-12"},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    Row(
        "adoptions:update_review",
        "own, accept (empty form)",
        lambda w: {"pk": w.adoption.pk, "period": world_update_period(w)},
        (LOGIN, 404, 403, 403, 200, 200, 200, 403, 403),
        method="post",
    ),
    Row(
        "adoptions:update_review",
        "other",
        lambda w: {"pk": w.other_adoption.pk, "period": world_update_period(w, other=True)},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403),
    ),
    # --- fidelity assessments and adaptations ---
    # Recording an assessment: the lead, contributors and the originating partner;
    # logging an adaptation: the lead and contributors; withdrawing one: the lead.
    Row("adoptions:assessment_list", "own", lambda w: {"pk": w.adoption.pk}, OWN_ADOPTION_OUTCOMES),
    Row(
        "adoptions:assessment_list",
        "other",
        lambda w: {"pk": w.other_adoption.pk},
        OTHER_OBJECT_OUTCOMES,
    ),
    Row(
        "adoptions:assessment_new",
        "own",
        lambda w: {"pk": w.adoption.pk},
        (LOGIN, 404, 200, 200, 200, 403, 403, 403, 403),
    ),
    Row(
        "adoptions:assessment_new",
        "other",
        lambda w: {"pk": w.other_adoption.pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403),
    ),
    Row(
        "adoptions:assessment_detail",
        "own",
        lambda w: {"pk": w.adoption.pk, "assessment_pk": world_assessment(w).pk},
        OWN_ADOPTION_OUTCOMES,
    ),
    Row(
        "adoptions:assessment_detail",
        "other",
        lambda w: {
            "pk": w.other_adoption.pk,
            "assessment_pk": world_assessment(w, "other_adoption").pk,
        },
        OTHER_OBJECT_OUTCOMES,
    ),
    Row(
        "adoptions:assessment_detail",
        "other's assessment under own adoption",
        lambda w: {"pk": w.adoption.pk, "assessment_pk": world_assessment(w, "other_adoption").pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    Row("adoptions:adaptation_list", "own", lambda w: {"pk": w.adoption.pk}, OWN_ADOPTION_OUTCOMES),
    Row(
        "adoptions:adaptation_list",
        "other",
        lambda w: {"pk": w.other_adoption.pk},
        OTHER_OBJECT_OUTCOMES,
    ),
    Row(
        "adoptions:adaptation_new",
        "own",
        lambda w: {"pk": w.adoption.pk},
        (LOGIN, 404, 200, 200, 403, 403, 403, 403, 403),
    ),
    Row(
        "adoptions:adaptation_new",
        "other",
        lambda w: {"pk": w.other_adoption.pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403),
    ),
    Row(
        "adoptions:adaptation_detail",
        "own",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w).pk},
        OWN_ADOPTION_OUTCOMES,
    ),
    Row(
        "adoptions:adaptation_detail",
        "other",
        lambda w: {
            "pk": w.other_adoption.pk,
            "adaptation_pk": world_adaptation(w, "other_adoption").pk,
        },
        OTHER_OBJECT_OUTCOMES,
    ),
    Row(
        "adoptions:adaptation_detail",
        "other's adaptation under own adoption",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w, "other_adoption").pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    Row(
        "adoptions:adaptation_withdraw",
        "own, proposed",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w).pk},
        (LOGIN, 404, 302, 403, 403, 403, 403, 403, 403),
        method="post",
    ),
    Row(
        "adoptions:adaptation_withdraw",
        "own, GET",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w).pk},
        (LOGIN, 405, 405, 405, 405, 405, 405, 405, 405),
    ),
    Row(
        "adoptions:adaptation_withdraw",
        "other",
        lambda w: {
            "pk": w.other_adoption.pk,
            "adaptation_pk": world_adaptation(w, "other_adoption").pk,
        },
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 403),
        method="post",
    ),
    # A directory admin promotes an adaptation into a directory entry; everyone else
    # who sees the adaptation is refused (403), everyone who does not gets a 404.
    Row(
        "adoptions:adaptation_promote",
        "own",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w).pk},
        (LOGIN, 404, 403, 403, 403, 403, 403, 403, 200),
    ),
    Row(
        "adoptions:adaptation_promote",
        "own, empty post",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w).pk},
        (LOGIN, 404, 403, 403, 403, 403, 403, 403, 200),
        method="post",
    ),
    Row(
        "adoptions:adaptation_promote",
        "other",
        lambda w: {
            "pk": w.other_adoption.pk,
            "adaptation_pk": world_adaptation(w, "other_adoption").pk,
        },
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200),
    ),
    # --- combined programmes ---
    # Whoever sees one of its adoptions reads the programme; the leads of its adoptions
    # record conflicts (others who see it: 403). A programme at another site: 404.
    Row(
        "sites:programme",
        "own",
        lambda w: {"slug": w.adopting_site.slug, "pk": world_programme(w).pk},
        OWN_ADOPTION_OUTCOMES,
    ),
    Row(
        "sites:programme",
        "wrong site in the address",
        lambda w: {"slug": w.other_site.slug, "pk": world_programme(w).pk},
        (LOGIN,) + (404,) * 8,
    ),
    *[
        Row(name, case, kwargs, (LOGIN, 404, 200, 403, 403, 403, 403, 403, 403), method)
        for name, kwargs in (
            (
                "sites:conflict_new",
                lambda w: {"slug": w.adopting_site.slug, "pk": world_programme(w).pk},
            ),
            (
                "sites:conflict_edit",
                lambda w: {
                    "slug": w.adopting_site.slug,
                    "pk": world_programme(w).pk,
                    "conflict": world_conflict(w).pk,
                },
            ),
        )
        for case, method in (("own", "get"), ("own, empty post", "post"))
    ],
    # --- board meetings, decisions and actions ---
    # Everyone who sees the board reads its meetings and actions; the chair and members
    # record them (observers and directory admins read only: 403). An empty POST shows
    # the form again with its errors. Another board's meeting, action or adaptation
    # under our board's address is not found.
    *[
        Row(f"boards:{name}", case, kwargs, expected, method)
        for name, case, kwargs, expected, method in (
            *[
                (name, "own", kwargs, OWN_BOARD_OUTCOMES, "get")
                for name, kwargs in (
                    ("meetings", _board),
                    ("meeting_detail", _board_meeting),
                    ("actions", _board),
                )
            ],
            *[
                (name, "other", kwargs, OTHER_OBJECT_OUTCOMES, "get")
                for name, kwargs in (
                    ("meetings", _other_board),
                    ("meeting_detail", _other_board_meeting),
                    ("actions", _other_board),
                )
            ],
            *[
                (name, case, kwargs, expected, method)
                for name, own, other in (
                    ("meeting_create", _board, _other_board),
                    ("meeting_edit", _board_meeting, _other_board_meeting),
                    ("decide", _board_adaptation, _other_board_adaptation),
                    ("action_create", _board, _other_board),
                    ("action_edit", _board_action, _other_board_action),
                )
                for case, kwargs, expected, method in (
                    ("own", own, BOARD_RECORDS_FORM, "get"),
                    ("own, empty form", own, BOARD_RECORDS_FORM, "post"),
                    ("other", other, BOARD_RECORDS_OTHER, "get"),
                    ("other", other, BOARD_RECORDS_OTHER, "post"),
                )
            ],
            *[
                (name, "own board, other board's object", kwargs, _signed_in(LOGIN, 404), method)
                for name, kwargs, methods in (
                    ("meeting_detail", _foreign_meeting, ("get",)),
                    ("meeting_edit", _foreign_meeting, ("get", "post")),
                    ("decide", _foreign_adaptation, ("get", "post")),
                    ("action_edit", _foreign_action, ("get", "post")),
                )
                for method in methods
            ],
        )
    ],
    # --- digest archive, digest subscription and board settings (issue 6) ---
    # The archive is for the dashboard's readers. The subscription form is POST only;
    # an empty POST shows the archive again with its error, and a directory admin who
    # is not a member has no subscription to change (404). Settings: chair and admins.
    Row("boards:digests", "own", _board, OWN_BOARD_OUTCOMES),
    Row("boards:digests", "other", _other_board, OTHER_OBJECT_OUTCOMES),
    Row("boards:digest", "own", _board_digest("board"), OWN_BOARD_OUTCOMES),
    Row("boards:digest", "other", _board_digest("other_board"), OTHER_OBJECT_OUTCOMES),
    # The digest's own HTML, framed by the digest page: the same readers.
    Row("boards:digest_email", "own", _board_digest("board"), OWN_BOARD_OUTCOMES),
    Row("boards:digest_email", "other", _board_digest("other_board"), OTHER_OBJECT_OUTCOMES),
    Row(
        "boards:digest",
        "own, month without a digest",
        lambda w: {"slug": w.board.slug, "month": "2001-01"},
        _signed_in(LOGIN, 404),
    ),
    Row("boards:digest_subscription", "GET", _board, _signed_in(LOGIN, 405)),
    Row(
        "boards:digest_subscription",
        "own, empty form",
        _board,
        (LOGIN, 404, 404, 404, 404, 200, 200, 200, 404),
        method="post",
    ),
    Row(
        "boards:digest_subscription",
        "other, empty form",
        _other_board,
        _signed_in(LOGIN, 404),
        method="post",
    ),
    *[
        Row(
            "boards:settings", case, _board, (LOGIN, 404, 404, 404, 404, 403, 200, 403, 200), method
        )
        for case, method in (("own", "get"), ("own, empty form", "post"))
    ],
    Row("boards:settings", "other", _other_board, OTHER_OBJECT_OUTCOMES),
    Row("boards:settings", "other, empty form", _other_board, OTHER_OBJECT_OUTCOMES, "post"),
    # --- board pack (PDF, XLSX, CSV): the dashboard's readers, for their own board ---
    *[
        Row(name, case, kwargs, outcomes)
        for name in ("boards:pack_pdf", "boards:pack_xlsx", "boards:pack_csv")
        for case, kwargs, outcomes in (
            ("own", lambda w: {"slug": w.board.slug}, OWN_BOARD_OUTCOMES),
            ("other", lambda w: {"slug": w.other_board.slug}, OTHER_OBJECT_OUTCOMES),
        )
    ],
    # --- cross-site view of one innovation: directory admins and originating partners ---
    Row(
        "innovations:adoptions",
        "published",
        lambda w: {"slug": w.innovation.slug},
        (LOGIN, 404, 404, 404, 200, 404, 404, 404, 200),
    ),
    Row(
        "innovations:adoptions",
        "draft, no partner",
        lambda w: {"slug": w.draft_innovation.slug},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200),
    ),
    # --- account and password reset ---
    Row("account", "", no_kwargs, _signed_in(LOGIN, 200)),
    Row("account_email", "", no_kwargs, _signed_in(LOGIN, 200)),
    Row("account_email_sent", "", no_kwargs, _signed_in(LOGIN, 200)),
    # A tampered link shows a page saying so, never an error.
    Row(
        "account_email_confirm",
        "tampered link",
        lambda w: {"token": "not-a-signed-token"},
        _signed_in(LOGIN, 200),
    ),
    Row("password_reset", "", no_kwargs, _all(200)),
    Row("password_reset_done", "", no_kwargs, _all(200)),
    Row(
        "password_reset_confirm",
        "bad link",
        lambda w: {"uidb64": "MQ", "token": "bad-token"},
        _all(200),
    ),
    Row("password_reset_complete", "", no_kwargs, _all(200)),
    # --- people and invitations ---
    Row("people:list", "", no_kwargs, PEOPLE_OUTCOMES),
    Row("people:detail", "", lambda w: {"pk": w.lead.pk}, PEOPLE_OUTCOMES),
    Row("people:deactivate", "", lambda w: {"pk": w.lead.pk}, PEOPLE_OUTCOMES),
    Row(
        "people:reactivate",
        "GET",
        lambda w: {"pk": w.lead.pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 405),
    ),
    Row(
        "people:directory_admin_remove",
        "",
        lambda w: {"pk": w.directory_admin.pk},
        PEOPLE_OUTCOMES,
    ),
    Row("people:role_remove", "", _lead_grant, PEOPLE_OUTCOMES),
    Row("people:role_change", "", _lead_grant, PEOPLE_OUTCOMES),
    #                               anon   unrel lead contr partn membr chair obsrv admin
    Row("invitations:list", "", no_kwargs, (LOGIN, 403, 200, 403, 403, 403, 200, 403, 200)),
    Row("invitations:create", "directory admin", no_kwargs, ADMIN_TOOL_OUTCOMES),
    Row(
        "invitations:resend",
        "GET",
        lambda w: {"pk": world_invitation(w).pk},
        _signed_in(LOGIN, 405),
    ),
    Row(
        "invitations:resend",
        "own adoption",
        lambda w: {"pk": world_invitation(w).pk},
        (LOGIN, 404, INVITATIONS, 404, 404, 404, 404, 404, INVITATIONS),
        method="post",
    ),
    Row(
        "invitations:revoke",
        "own adoption",
        lambda w: {"pk": world_invitation(w).pk},
        (LOGIN, 404, 200, 404, 404, 404, 404, 404, 200),
    ),
    Row(
        "invitations:revoke",
        "other adoption",
        lambda w: {"pk": world_invitation(w, other=True).pk},
        (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200),
    ),
    Row(
        "invitations:accept",
        "pending",
        lambda w: {"token": invitation_token(world_invitation(w))},
        _all(200),
    ),
    Row("invitations:accept", "tampered", lambda w: {"token": "not-a-token"}, _all(400)),
    # --- read-only JSON API and personal API tokens (issue 7; full matrix in tests/api) ---
    # The API answers for itself: 401 (not the sign-in page) where a token or session is
    # needed, and a JSON 404 for someone else's object.
    Row("api:api-root", "", no_kwargs, _all(200)),
    Row("api:schema", "", no_kwargs, _all(200)),
    Row("api:docs", "", no_kwargs, _all(200)),
    Row("api:not_found", "", lambda w: {"rest": "no-such-thing"}, _all(404)),
    Row("api:innovation-list", "", no_kwargs, _all(200)),
    Row("api:innovation-detail", "", lambda w: {"slug": w.innovation.slug}, _all(200)),
    Row("api:site-list", "", no_kwargs, _all(200)),
    Row("api:site-detail", "", lambda w: {"slug": w.other_site.slug}, _all(200)),
    Row("api:adoption-list", "", no_kwargs, _signed_in(401, 200)),
    Row("api:adoption-detail", "own", _own, API_OWN_ADOPTION),
    Row("api:adoption-detail", "other", _other, API_OTHER_OBJECT),
    Row("api:progress-update-list", "", no_kwargs, _signed_in(401, 200)),
    Row("api:progress-update-detail", "own", _api_update("adoption"), API_OWN_ADOPTION),
    Row("api:progress-update-detail", "other", _api_update("other_adoption"), API_OTHER_OBJECT),
    Row("api:fidelity-assessment-list", "", no_kwargs, _signed_in(401, 200)),
    Row(
        "api:fidelity-assessment-detail",
        "own",
        lambda w: {"pk": world_assessment(w).pk},
        API_OWN_ADOPTION,
    ),
    Row("api:adaptation-list", "", no_kwargs, _signed_in(401, 200)),
    Row(
        "api:adaptation-detail",
        "other",
        lambda w: {"pk": world_adaptation(w, "other_adoption").pk},
        API_OTHER_OBJECT,
    ),
    Row("api:board-list", "", no_kwargs, _signed_in(401, 200)),
    Row("api:board-detail", "own", lambda w: {"slug": w.board.slug}, API_OWN_BOARD),
    Row("api:board-detail", "other", lambda w: {"slug": w.other_board.slug}, API_OTHER_OBJECT),
    Row("api_tokens:create", "", no_kwargs, _signed_in(LOGIN, 200)),
    Row(
        "api_tokens:revoke",
        "the lead's",
        lambda w: {"pk": api_token(w.lead)[0].pk},
        (LOGIN, 404, 200, 404, 404, 404, 404, 404, 404),
    ),
]

CASES = [
    pytest.param(row, actor, expected, id=f"{row.id}-{actor}")
    for row in MATRIX
    for actor, expected in zip(ACTORS, row.expected, strict=True)
]


@pytest.mark.parametrize(("row", "actor", "expected"), CASES)
def test_permission_matrix(row, actor, expected, world, client_for, settings):
    # /healthz is in the matrix for who may call it; the broker is not under test here.
    settings.CELERY_BROKER_URL = "memory://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    kwargs = row.kwargs(world)
    url = reverse(row.url_name, kwargs=kwargs)
    user = world.actor(actor)
    client = client_for(user)
    response = getattr(client, row.method)(url)

    if expected == LOGIN:
        assert response.status_code == 302, f"{actor} {url}: {response.status_code}"
        assert response["Location"] == f"/accounts/login/?next={url}"
    elif expected == SAVED:
        assert response.status_code == 302, f"{actor} {url}: {response.status_code}"
        assert response["Location"].startswith("/adoptions/"), response["Location"]
    elif isinstance(expected, Redirect):
        assert response.status_code == 302, f"{actor} {url}: {response.status_code}"
        # A redirect may name the object: Redirect("/adoptions/{pk}/updates/").
        assert response["Location"] == expected.url.format(**kwargs)
    else:
        assert response.status_code == expected, f"{actor} {url}: {response.status_code}"
    if expected == 404:
        # Pages show the 404 page; the API answers in JSON, naming nothing.
        assert ('"Not found."' if url.startswith("/api/") else "Page not found") in response.text
    figure_add("permission checks passed (URL pattern x role x own/other object)")


def test_matrix_has_a_row_for_every_actor():
    for row in MATRIX:
        assert len(row.expected) == len(ACTORS), row.id


# --- The matrix covers every URL ----------------------------------------------------


def _named_patterns(patterns, prefix="", namespace=""):
    """(route, "namespace:name") for every URL pattern, walking includes; admin excluded."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _named_patterns(pattern.url_patterns, route, joined)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name


def test_every_url_pattern_is_in_the_matrix():
    in_matrix = {row.url_name for row in MATRIX}
    found = list(_named_patterns(get_resolver().url_patterns))
    unnamed = [route for route, name in found if not name]
    assert not unnamed, f"URL patterns without a name cannot be in the matrix: {unnamed}"
    missing = sorted({name for _route, name in found} - in_matrix)
    assert not missing, (
        f"Add these URLs to MATRIX in {__name__} with the outcome for every actor: {missing}"
    )
    gone = sorted(in_matrix - {name for _route, name in found})
    assert not gone, f"MATRIX lists URLs the project no longer has: {gone}"
    figure_add("URL patterns in the permission matrix (all but the Django admin)", len(in_matrix))
    figure_add("roles in the permission matrix", len(ACTORS))


def test_url_walk_finds_namespaced_patterns_and_skips_admin():
    names = {name for _route, name in _named_patterns(get_resolver().url_patterns)}
    assert {"innovations:detail", "adoptions:detail", "boards:detail", "home"} <= names
    assert not any(name.startswith("admin:") for name in names)


# --- One mechanism: querysets and permission checks agree ----------------------------

ADOPTIONS = ("adoption", "other_adoption")
BOARDS = ("board", "other_board")
INNOVATIONS = ("innovation", "draft_innovation", "archived_innovation")


@pytest.mark.parametrize("actor", ACTORS)
def test_adoption_visibility_and_view_permission_agree(world, actor):
    user = world.actor(actor)
    for name in ADOPTIONS:
        adoption = getattr(world, name)
        in_queryset = Adoption.objects.visible_to(user).filter(pk=adoption.pk).exists()
        assert in_queryset == user.has_perm("adoptadapt_sites.view_adoption", adoption), name
        expected = OWN_ADOPTION_OUTCOMES if name == "adoption" else OTHER_OBJECT_OUTCOMES
        assert in_queryset == (expected[ACTORS.index(actor)] == 200), name


@pytest.mark.parametrize("actor", ACTORS)
def test_adoption_editability_and_change_permission_agree(world, actor):
    user = world.actor(actor)
    for name in ADOPTIONS:
        adoption = getattr(world, name)
        in_queryset = Adoption.objects.editable_by(user).filter(pk=adoption.pk).exists()
        assert in_queryset == user.has_perm("adoptadapt_sites.change_adoption", adoption), name
        # Only the people who write the updates may edit: the lead and contributors.
        assert in_queryset == (name == "adoption" and actor in ("lead", "contributor")), name


@pytest.mark.parametrize("actor", ACTORS)
def test_board_visibility_and_view_permission_agree(world, actor):
    user = world.actor(actor)
    for name in BOARDS:
        board = getattr(world, name)
        in_queryset = GovernanceBoard.objects.visible_to(user).filter(pk=board.pk).exists()
        assert in_queryset == user.has_perm("governance.view_governanceboard", board), name
        expected = OWN_BOARD_OUTCOMES if name == "board" else OTHER_OBJECT_OUTCOMES
        assert in_queryset == (expected[ACTORS.index(actor)] == 200), name


@pytest.mark.parametrize("actor", ACTORS)
def test_innovation_visibility_and_view_permission_agree(world, actor):
    user = world.actor(actor)
    for name in INNOVATIONS:
        innovation = getattr(world, name)
        in_queryset = Innovation.objects.visible_to(user).filter(pk=innovation.pk).exists()
        assert in_queryset == user.has_perm("innovations.view_innovation", innovation), name
        assert in_queryset == (name == "innovation" or actor == "directory_admin"), name


def test_inactive_people_see_nothing_private(world):
    lead = world.lead
    lead.is_active = False
    lead.save()
    assert not Adoption.objects.visible_to(lead).exists()
    assert not lead.has_perm("adoptadapt_sites.view_adoption", world.adoption)


def test_an_inactive_directory_admin_sees_only_what_the_public_sees(world):
    """Adoptions and boards already ignore inactive accounts, and so does the
    `is_directory_admin` rule; the innovation queryset should as well."""
    admin = world.directory_admin
    admin.is_active = False
    admin.save()
    assert not GovernanceBoard.objects.visible_to(admin).exists()
    assert not admin.has_perm("innovations.change_innovation", world.draft_innovation)
    visible = set(Innovation.objects.visible_to(admin).values_list("slug", flat=True))
    assert visible == {world.innovation.slug}
