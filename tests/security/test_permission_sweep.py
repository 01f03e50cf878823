"""Every URL pattern × every role × GET and POST (issue 15, "Keeps intruders out", point 1).

The patterns come from the URL resolver (`get_resolver().url_patterns`, walked recursively), so a
new view cannot escape: its URL must be fillable from KWARGS and its roles listed in EXPECT, or
`test_every_pattern_is_filled_and_expected` fails naming it. The admin's patterns follow rules
instead of one row each (`allowed_roles`, `swept`): its door turns away every account without
is_staff; staff get the administrator's answer on the portal's apps and 403 elsewhere.

For every (pattern, role, method):
- allowed: the page answers (200, or a redirect that is not the login page; a POST-only view
  answers GET with 405), and a POST with a minimal body is not refused;
- refused: 403, 404, 405, or a redirect to the login page (or the pattern's own refusal page,
  REFUSAL_REDIRECTS); the database is unchanged (row counts of every table; for a refused POST
  outside the admin's door also the rows of the models it could update), and A's private text
  (MARKER) is not in the answer.
And every pattern refuses a POST without a CSRF token with 403 (CSRF_EXEMPT is empty).

One world for the whole module (tests/security/world.py), built once inside a transaction
that is rolled back at the end; each case runs in a savepoint of its own.
"""

import re
from dataclasses import dataclass
from functools import cache

import pytest
from captcha.models import CaptchaStore
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache as django_cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from campaign.models import (
    Assignment,
    Notification,
    Plan,
    ProgressReport,
    Reminder,
    ReportingPeriod,
    ReportPhoto,
    Task,
    Unit,
)
from content.models import Article
from contests.models import Attempt, Contest, Participant, Question, Round as QuizRound
from reports.models import Report, ReportExport, Round, SectorSubmission
from contests.identity import COOKIE
from tests.contests.conftest import fresh_captcha
from tests.security import world as world_module
from tests.security.world import MARKER, citizen_cookie

# Roles -------------------------------------------------------------------------------------

ANON, CITIZEN_A, CITIZEN_B = "anonymous", "citizen_a", "citizen_b"
OFFICER_A, OFFICER_B, SO_OFFICER = "officer_a", "officer_b", "so_officer"
EDITOR, APPROVER, STAFF, ADMIN = "editor", "approver", "staff", "admin"
ROLES = [ANON, CITIZEN_A, CITIZEN_B, OFFICER_A, OFFICER_B, SO_OFFICER, EDITOR, APPROVER, STAFF, ADMIN]
ROLE_HELP = {
    ANON: "a visitor, no cookie",
    CITIZEN_A: "quiz participant A (the signed cookie of contests.identity): owns the attempt",
    CITIZEN_B: "quiz participant B of the same contest, with a submitted attempt of her own",
    OFFICER_A: "officer of unit A (a sở that also files sector 1 of the cooperation report)",
    OFFICER_B: "officer of unit B (a ward's Party committee; no part of the cooperation report)",
    SO_OFFICER: "officer of Sở Ngoại vụ, filing its own part (sector 2) of the same round",
    EDITOR: "an account with content.submit_article only (no role group, no unit)",
    APPROVER: "an account with content.approve_article only (no role group)",
    STAFF: "Ban Tuyên giáo staff (group) with is_staff (the admin)",
    ADMIN: "superuser",
}

EVERYONE = frozenset(ROLES)
REGISTERED = frozenset({CITIZEN_A, CITIZEN_B})
SIGNED_IN = frozenset({OFFICER_A, OFFICER_B, SO_OFFICER, EDITOR, APPROVER, STAFF, ADMIN})
WORKSPACE = frozenset({OFFICER_A, OFFICER_B, SO_OFFICER, STAFF, ADMIN})
STAFF_ONLY = frozenset({STAFF, ADMIN})
WRITERS = frozenset({OFFICER_A, OFFICER_B, SO_OFFICER, EDITOR, APPROVER, STAFF, ADMIN})
A_ARTICLE = frozenset({OFFICER_A, APPROVER, STAFF, ADMIN})  # officer A wrote the draft
A_PHOTO = frozenset({OFFICER_A, STAFF, ADMIN})
ONLY_OFFICER_A = frozenset({OFFICER_A})
ONLY_CITIZEN_A = frozenset({CITIZEN_A})
IS_STAFF_ROLES = frozenset({STAFF, ADMIN})  # the accounts with is_staff

# Who may use each pattern (the admin's patterns: ADMIN rules below). From docs/security.md "Who may
# do what", the README's URL map and the views; the objects named are unit A's.
EXPECT = {
    # Public pages
    "home": EVERYONE, "content:articles": EVERYONE, "content:feed_rss": EVERYONE, "content:feed_atom": EVERYONE,
    "content:article": EVERYONE, "content:section": EVERYONE, "content:section_rss": EVERYONE,
    "content:section_atom": EVERYONE, "content:key_dates": EVERYONE, "content:search": EVERYONE,
    "content:materials": EVERYONE, "content:material": EVERYONE, "content:material_download": EVERYONE,
    "content:page-gioi-thieu": EVERYONE, "content:page-lien-he": EVERYONE,
    "content:page-chinh-sach-du-lieu-ca-nhan": EVERYONE, "content:sitemap": EVERYONE, "content:robots": EVERYONE,
    "reports:index": EVERYONE, "reports:compare": EVERYONE, "reports:detail": EVERYONE,
    "contests:index": EVERYONE, "contests:contest": EVERYONE, "contests:round_results": EVERYONE,
    "contests:share": EVERYONE, "contests:register": EVERYONE, "contests:restore": EVERYONE,
    "captcha-image": EVERYONE, "captcha-refresh": EVERYONE,
    # Turned off by the settings, 404 for everyone: CAPTCHA_2X_IMAGE = False; no CAPTCHA_FLITE_PATH (no speech).
    "captcha-image-2x": frozenset(), "captcha-audio": frozenset(),
    "healthz": EVERYONE, "favicon.ico": EVERYONE, "^media/(?P<path>.*)$": EVERYONE,
    # The signed links: whoever holds the link (the calendar of unit A, the set-password link of officer A)
    "calendar_feed": EVERYONE, "password_reset_confirm": EVERYONE, "password_reset_complete": EVERYONE,
    # Accounts
    "login": EVERYONE, "logout": EVERYONE, "password_change": SIGNED_IN, "password_change_done": SIGNED_IN,
    # Two-factor sign-in (campaign/twofactor). Every account of the world passed it (force_login, tests/conftest.py):
    # the code page sends them on, the enrolment to the status page. The QR image is that of an enrolment under
    # way, which none has: 404 for all (the owner's case: tests/config/test_twofactor.py). Staff and
    # administrators cannot turn it off (403).
    "twofactor_verify": SIGNED_IN, "twofactor": SIGNED_IN, "twofactor_enrol": SIGNED_IN, "twofactor_qr": frozenset(),
    "twofactor_recovery_codes": SIGNED_IN, "twofactor_turn_off": SIGNED_IN - IS_STAFF_ROLES,
    # The quiz: one's own registration and attempt
    "contests:my_registration": REGISTERED, "contests:start": REGISTERED,
    "contests:attempt": ONLY_CITIZEN_A, "contests:autosave": ONLY_CITIZEN_A, "contests:submit": ONLY_CITIZEN_A,
    "contests:result": ONLY_CITIZEN_A,
    # The quiz's staff pages
    "contests:statistics": STAFF_ONLY, "contests:ranking_xlsx": STAFF_ONLY, "contests:questions_xlsx": STAFF_ONLY,
    "contests:questions_import": STAFF_ONLY, "contests:round_manage": STAFF_ONLY, "contests:round_compute": STAFF_ONLY,
    # The audit log: administrators only (superusers, or campaign.view_auditlog; not the staff group)
    "campaign:audit_log": frozenset({ADMIN}),
    "contests:question_list": STAFF_ONLY, "contests:question_create": STAFF_ONLY, "contests:question_edit": STAFF_ONLY,
    # Cooperation report: staff's exports and imports; the rounds; A's part for A's officers only (staff review it)
    "reports:exports": STAFF_ONLY, "reports:export_create": STAFF_ONLY, "reports:export_status": STAFF_ONLY,
    "reports:export_download": STAFF_ONLY, "reports:values_import": STAFF_ONLY,
    "reports:values_import_template": STAFF_ONLY,
    "rounds:list": STAFF_ONLY, "rounds:open": STAFF_ONLY, "rounds:round": STAFF_ONLY, "rounds:compile": STAFF_ONLY,
    "rounds:submission": ONLY_OFFICER_A, "rounds:review": STAFF_ONLY,
    # Editorial pages: writers (content.submit_article: officers, editors; approvers, staff)
    "content:staff_articles": WRITERS, "content:staff_article_create": WRITERS, "content:editor_image_upload": WRITERS,
    "content:staff_article_preview": A_ARTICLE, "content:staff_article_edit": A_ARTICLE,
    "content:staff_article_revisions": A_ARTICLE, "content:staff_article_compare": A_ARTICLE,
    "content:staff_article_restore": A_ARTICLE, "content:staff_article_action": A_ARTICLE,
    # A draft from a unit's accepted report copies its text and photos: staff only (not an approver
    # outside Ban Tuyên giáo, who may not read the report).
    "content:staff_article_from_report": STAFF_ONLY,
    # Workspace
    "workspace": WORKSPACE, "campaign:units": WORKSPACE, "campaign:my_work": WORKSPACE,
    "campaign:calendar_links": WORKSPACE, "campaign:notifications": WORKSPACE,
    "campaign:notifications_read_all": WORKSPACE,
    "campaign:notification_read": ONLY_OFFICER_A,  # A's notification: its owner only, staff included 404
    "campaign:report_file": ONLY_OFFICER_A,  # staff review, they do not file (404)
    "campaign:report_photo": A_PHOTO, "campaign:report_photo_thumbnail": A_PHOTO,
    **{f"campaign:{name}": STAFF_ONLY for name in (
        "plans", "plan_create", "plan", "plan_edit", "plan_status", "plan_docx", "plan_original",
        "plan_original_download", "dashboard", "dashboard_xlsx", "task_create", "task", "task_assign",
        "period_due_date", "lock_exception", "review_queue", "report", "reminder_log", "reminder_resend",
        "reminder_policy", "accounts", "account_create", "accounts_import", "accounts_import_template",
        "accounts_xlsx", "account", "account_send_link", "account_deactivate", "account_activate",
    )},
}

# Views that answer only POST: their GET is 405 for the roles allowed to POST.
POST_ONLY = {
    "logout", "admin:logout", "twofactor_recovery_codes", "twofactor_turn_off", "contests:start", "contests:autosave", "contests:submit", "contests:round_compute",
    "reports:export_create", "rounds:compile", "content:editor_image_upload", "content:staff_article_restore",
    "content:staff_article_action", "content:staff_article_from_report", "campaign:plan_status",
    "campaign:task_assign", "campaign:reminder_resend", "campaign:notification_read",
    "campaign:notifications_read_all", "campaign:account_send_link", "campaign:account_deactivate",
    "campaign:account_activate",
}
# Views that answer a refused role with a page of their own rather than 403/404 or the login page.
REFUSAL_REDIRECTS = {
    # No registration in this browser: the registration form.
    "contests:my_registration": lambda w: reverse("contests:register", args=[w["contest"].code]),
    "contests:start": lambda w: reverse("contests:register", args=[w["contest"].code]),
}
# POST bodies where an empty one would be refused for an allowed role too (so the refusal of the
# other roles would prove nothing). Refused roles get the same body.
POST_BODIES = {
    "reports:export_create": lambda w: {"kind": "xlsx"},
    "contests:start": lambda w: fresh_captcha(),
}
# Patterns the sweep cannot exercise, with the reason.
DEV_ONLY = {
    "^media/(?P<path>.*)$": "DEBUG only: django.views.static.serve of the public MEDIA_ROOT, fixed when the "
                            "URLconf was imported (nginx serves /media/ in production); no permission to check",
}
# Views exempt from CSRF, with the reason. None: every POST the portal takes carries a token.
CSRF_EXEMPT = {}

# URL arguments: by pattern, then by argument name. A pattern with an argument neither fills fails.
def _each(names, kwargs):
    return dict.fromkeys(names, kwargs)


KWARGS = {
    "content:article": lambda w: {"slug": w["public_article"].slug},
    **_each(["content:section", "content:section_rss", "content:section_atom"], lambda w: {"slug": w["section"].slug}),
    **_each(["content:material", "content:material_download"], lambda w: {"code": w["material"].slug}),
    "content:staff_article_from_report": lambda w: {"report_pk": w["report_a"].pk},
    **_each([f"content:staff_article_{name}" for name in ("preview", "edit", "revisions", "compare")],
            lambda w: {"pk": w["draft"].pk}),
    "content:staff_article_restore": lambda w: {"pk": w["draft"].pk, "history_id": w["revisions"][0]},
    "content:staff_article_action": lambda w: {"pk": w["draft"].pk, "action": "submit"},
    "contests:share": lambda w: {"share_key": w["attempt_b"].share_key},
    "contests:question_edit": lambda w: {"code": w["contest"].code, "pk": w["questions"][0].pk},
    **_each(["reports:export_status", "reports:export_download"],
            lambda w: {"code": w["previous_report"].code, "pk": w["export"].pk}),
    **_each(["rounds:round", "rounds:compile"], lambda w: {"pk": w["round"].pk}),
    **_each(["rounds:submission", "rounds:review"], lambda w: {"pk": w["submission_a"].pk}),
    **_each(["campaign:task", "campaign:task_assign"], lambda w: {"pk": w["task"].pk}),
    "campaign:period_due_date": lambda w: {"pk": w["july"].pk},
    "campaign:lock_exception": lambda w: {"assignment_pk": w["assignment_a"].pk, "period_pk": w["july"].pk},
    "campaign:report_file": lambda w: {"assignment_pk": w["assignment_a"].pk, "period_pk": w["august"].pk},
    "campaign:report": lambda w: {"pk": w["report_a"].pk},
    **_each(["campaign:report_photo", "campaign:report_photo_thumbnail"], lambda w: {"pk": w["photo"].pk}),
    "campaign:reminder_resend": lambda w: {"pk": w["reminder"].pk},
    "campaign:notification_read": lambda w: {"pk": w["notification"].pk},
    **_each([f"campaign:{name}" for name in ("account", "account_send_link", "account_deactivate", "account_activate")],
            lambda w: {"pk": w["users"]["officer_a"].pk}),
    **_each([f"campaign:{name}" for name in (
        "plan", "plan_edit", "plan_status", "plan_docx", "plan_original", "plan_original_download", "dashboard",
        "dashboard_xlsx", "task_create", "reminder_policy")], lambda w: {"pk": w["plan"].pk}),
    "calendar_feed": lambda w: {"token": w["calendar_token"]},
    "password_reset_confirm": lambda w: dict(zip(("uidb64", "token"), w["reset_link"])),
    "^media/(?P<path>.*)$": lambda w: {"path": w["material"].file.name},
    # The admin's own, beside the per-model ones (admin_kwargs)
    "admin:app_list": lambda w: {"app_label": "campaign"},
    "admin:view_on_site": lambda w: {"content_type_id": ContentType.objects.get_for_model(Article).pk,
                                     "object_id": w["public_article"].pk},
    "quan-tri/(?P<url>.*)$": lambda w: {"url": "khong-co-trang-nay/"},
}
BY_ARGUMENT = {
    "code": {"contests": lambda w: w["contest"].code, "reports": lambda w: w["previous_report"].code},
    "number": {"contests": lambda w: w["quiz_round"].number},
    # A captcha of its own for each case: a challenge lives CAPTCHA_TIMEOUT minutes.
    "key": {"contests": lambda w: w["attempt"].key, "": lambda w: CaptchaStore.generate_key()},
}
# Headers a view needs to answer at all (captcha's refresh answers only XMLHttpRequest).
HEADERS = {"captcha-refresh": {"X-Requested-With": "XMLHttpRequest"}}
# Query strings a page needs to show anything at all.
QUERY = {
    "content:staff_article_compare": lambda w: f"?cu={w['revisions'][0]}&moi={w['revisions'][1]}",
    "admin:autocomplete": lambda w: "?app_label=content&model_name=section&field_name=theme",
}

# The admin: only accounts with is_staff get past its login; staff hold the permissions of the
# portal's own apps (campaign.signals.STAFF_MANAGED_APPS) and nothing else (accounts, groups,
# django-axes…: superuser only).
ADMIN_PREFIX = "quan-tri/"
# Logging out harms nobody. The admin's login page is no form (campaign/twofactor/admin_site.py): it sends
# visitors to the portal's login, is_staff accounts to the index, and refuses the others (403).
ADMIN_OPEN = {"admin:logout"}
STAFF_ADMIN_APPS = {"campaign", "content", "contests", "reports", "django_celery_beat"}


# The patterns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    callback: object
    arguments: tuple
    namespace: str

    @property
    def label(self):
        return self.name or self.route

    @property
    def is_admin(self):
        return self.route.startswith(ADMIN_PREFIX)


def _arguments(pattern):
    if isinstance(pattern.pattern, RoutePattern):
        return tuple(pattern.pattern.converters)
    return tuple(pattern.pattern.regex.groupindex)


def walk(patterns=None, prefix="", namespace="", arguments=()):
    """Every URL pattern of the portal, however deep its include()."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, arguments + _arguments(pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            route = prefix + str(pattern.pattern)
            yield Route(route, name, pattern.callback, arguments + _arguments(pattern), namespace)


ROUTES = {route.label: route for route in walk()}
assert len(ROUTES) == len(list(walk())), "hai mẫu URL trùng tên"


def admin_model(route):
    """The model a per-model admin pattern serves ("quan-tri/<app>/<model>/…"), or None."""
    parts = route.route[len(ADMIN_PREFIX):].split("/")
    if len(parts) < 2:
        return None
    try:
        model = apps.get_model(parts[0], parts[1])
    except (LookupError, ValueError):
        return None
    return model if model in admin.site._registry else None


def fill(route, w):
    """The URL of `route` with the world's objects, or raise LookupError naming what is missing."""
    if route.label in KWARGS:
        kwargs = KWARGS[route.label](w)
    else:
        kwargs, model = {}, admin_model(route)
        for argument in route.arguments:
            if argument in ("object_id", "id") and model is not None:
                row = model._default_manager.order_by("pk").first()
                kwargs[argument] = row.pk if row else 0
            elif argument in BY_ARGUMENT and route.namespace in BY_ARGUMENT[argument]:
                kwargs[argument] = BY_ARGUMENT[argument][route.namespace](w)
            else:
                raise LookupError(f"{route.label}: không có giá trị cho tham số «{argument}» (thêm vào KWARGS)")
    missing = set(route.arguments) - set(kwargs)
    if missing:
        raise LookupError(f"{route.label}: thiếu tham số {sorted(missing)}")
    path = route.route
    for argument, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{argument}>|\(\?P<{argument}>[^)]*\)", str(value), path)
    path = "/" + path.replace("^", "").replace("$", "")
    return path + (QUERY[route.label](w) if route.label in QUERY else "")


def allowed_roles(route):
    if not route.is_admin:
        return EXPECT[route.label]
    if route.label in ADMIN_OPEN:
        return EVERYONE
    model = admin_model(route)
    if route.name is None and model is not None:
        return IS_STAFF_ROLES  # "<id>/" only redirects to the change page, which decides (swept)
    if model is not None and model._meta.app_label not in STAFF_ADMIN_APPS:
        return frozenset({ADMIN})
    return IS_STAFF_ROLES


# The world, once for the module -----------------------------------------------------------


@pytest.fixture(scope="module")
def media_folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("sweep")
    return root / "media", root / "private_media"


@pytest.fixture(autouse=True)
def media_root(settings, media_folders):
    """The world's files live for the module (tests/conftest.py gives each test an empty folder)."""
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = media_folders
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_folders):
    media, private = media_folders
    with django_db_blocker.unblock(), override_settings(
        MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=private,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        with transaction.atomic():
            built = world_module.build()
            # One sign-in per role for the whole module: its session row lives in this transaction,
            # and each case's client carries only the cookie (a case's own writes are rolled back).
            sessions = {}
            for role, user in built["users"].items():
                signed_in = Client()
                signed_in.force_login(user)
                sessions[role] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
            built["sessions"] = sessions
            yield built
            transaction.set_rollback(True)


def client_for(role, w, **options):
    """A fresh client of `role`. The sign-in is `force_login`'s session (made in `world`)."""
    client = Client(**options)
    if role in (CITIZEN_A, CITIZEN_B):
        client.cookies[COOKIE] = citizen_cookie(w[role])
    elif role != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = w["sessions"][role]
    return client


# What a refused POST could change ------------------------------------------------------------

WATCHED = (get_user_model(), Unit, Plan, Task, ReportingPeriod, Assignment, ProgressReport, ReportPhoto,
           Reminder, Notification, Article, Contest, QuizRound, Question, Participant, Attempt, Report, Round,
           SectorSubmission, ReportExport)
SKIPPED_TABLES = {"django_session", "captcha_captchastore"}  # a sign-in and a rendered captcha write these


@cache
def _count_sql():
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)} - SKIPPED_TABLES)
    quote = connection.ops.quote_name
    return " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables)


def counts():
    with connection.cursor() as cursor:
        cursor.execute(_count_sql())
        return dict(cursor.fetchall())


def snapshot():
    """Row counts of every table, and the rows of the tables a refused POST could update."""
    rows = {model.__name__: list(model._default_manager.order_by("pk").values_list()) for model in WATCHED}
    return counts(), rows


# Outcomes ------------------------------------------------------------------------------------

LOGIN = reverse("login")
ADMIN_LOGIN = "/quan-tri/login/"


def is_refusal(route, response, w):
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith((LOGIN, ADMIN_LOGIN)):
            return True
        if route.label in REFUSAL_REDIRECTS and location.split("?")[0] == REFUSAL_REDIRECTS[route.label](w):
            return True
    return False


def describe(response):
    where = f" → {response['Location']}" if response.has_header("Location") else ""
    return f"{response.status_code}{where}"


def body_of(route, w):
    return POST_BODIES[route.label](w) if route.label in POST_BODIES else {}


def request(client, method, route, w, address):
    headers = HEADERS.get(route.label)
    if method == "get":
        return client.get(address, headers=headers)
    return client.post(address, body_of(route, w), headers=headers)


def content_of(response):
    if getattr(response, "streaming", False):
        return b""  # a file handed out: the status says enough
    return response.content


# The sweep -----------------------------------------------------------------------------------

# Per-model admin pages an is_staff account is not swept on for the portal's own apps: Django's
# delete, history and "<id>/" redirect pages sit behind the same ModelAdmin permission as the
# change page (swept), and rendering them all would double the sweep's time.
ADMIN_PAGES_NOT_SWEPT_FOR_STAFF = ("_delete", "_history")


def swept(route, role, method):
    if not route.is_admin or role not in IS_STAFF_ROLES:
        return True
    if method == "post" and route.label not in ADMIN_OPEN:
        return False  # the admin's POSTs are swept for the roles it turns away; its forms are Django's
    model = admin_model(route)
    if model is None or model._meta.app_label not in STAFF_ADMIN_APPS:
        return True
    return route.name is not None and not route.name.endswith(ADMIN_PAGES_NOT_SWEPT_FOR_STAFF)


# The administrator before staff: staff's admin cases compare with the administrator's answer.
SWEEP_ORDER = [role for role in ROLES if role != ADMIN]
SWEEP_ORDER.insert(SWEEP_ORDER.index(STAFF), ADMIN)
CASES = [
    pytest.param(label, role, method, id=f"{label}-{role}-{method}")
    for label, route in ROUTES.items()
    for role in SWEEP_ORDER
    for method in ("get", "post")
    if swept(route, role, method)
]
ADMIN_ANSWERS = {}  # (label, method) → the administrator's status


def test_every_pattern_is_filled_and_expected(world, db):
    """A new URL fails here until KWARGS fills it and EXPECT says who may use it."""
    problems = []
    for route in ROUTES.values():
        try:
            fill(route, world)
        except LookupError as error:
            problems.append(str(error))
        model = admin_model(route)
        if model is not None and not model._default_manager.exists():
            problems.append(f"{route.label}: the world has no {model._meta.label} row (tests/security/world.py)")
        if not route.is_admin and route.label not in EXPECT:
            problems.append(f"{route.label} ({route.route}): chưa có trong EXPECT (ai được dùng?)")
    stale = set(EXPECT) - set(ROUTES) - {"^media/(?P<path>.*)$"}  # /media/ is routed only with DEBUG
    problems += [f"{label}: có trong EXPECT nhưng không còn mẫu URL" for label in sorted(stale)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("label", "role", "method"), CASES)
def test_sweep(world, db, label, role, method):
    route = ROUTES[label]
    if route.label in DEV_ONLY:
        pytest.skip(DEV_ONLY[route.label])
    django_cache.clear()  # rate limits and cached pages of one case do not answer another
    address = fill(route, world)
    client = client_for(role, world)
    allowed = role in allowed_roles(route)
    # Row counts for every case; the rows themselves for a refused POST outside the admin's door.
    deep = not allowed and method == "post" and not route.is_admin
    before = (snapshot() if deep else counts()) if not allowed else None
    response = request(client, method, route, world, address)
    what = f"{method.upper()} {address} as {role}: {describe(response)}"
    assert response.status_code < 500, what
    if route.is_admin and role == ADMIN:
        ADMIN_ANSWERS[label, method] = response.status_code
    if allowed:
        if route.is_admin and role == STAFF:
            # Staff get in wherever the administrator does (the ModelAdmin's own limits bind both).
            if (label, method) not in ADMIN_ANSWERS:
                ADMIN_ANSWERS[label, method] = request(client_for(ADMIN, world), method, route, world, address).status_code
            assert response.status_code == ADMIN_ANSWERS[label, method], f"{what}; admin: {ADMIN_ANSWERS[label, method]}"
        elif route.label == "quan-tri/(?P<url>.*)$":
            assert response.status_code == 404, what
        elif route.is_admin and role == ADMIN:
            # The administrator gets past the door everywhere; a ModelAdmin may still refuse a page to
            # everybody (no "add" for attempts, exports, logs…): 403 here is that limit, not a role's.
            assert not (response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)), what
        elif method == "get" and label in POST_ONLY:
            assert response.status_code in (302, 405), what
        elif method == "post" and response.status_code == 405:
            pass  # a page that takes no POST: nothing to protect
        else:
            assert not is_refusal(route, response, world), f"{what} (refused, but {role} may use it)"
    else:
        assert is_refusal(route, response, world), f"{what} (not refused, but only {sorted(allowed_roles(route))} may use it)"
        assert MARKER.encode() not in content_of(response), f"{what}: shows unit A's private text"
        if deep:
            after = snapshot()
            assert after[0] == before[0], f"{what}: row counts changed"
            assert after[1] == before[1], f"{what}: rows changed"
        else:
            assert counts() == before, f"{what}: row counts changed"


@pytest.mark.parametrize("label", list(ROUTES))
def test_post_without_csrf_token_is_refused(world, db, label):
    """Signed in as the administrator and holding citizen A's cookie, without a token: 403, nothing written."""
    route = ROUTES[label]
    if route.label in DEV_ONLY:
        pytest.skip(DEV_ONLY[route.label])
    address = fill(route, world)
    client = client_for(ADMIN, world, enforce_csrf_checks=True)
    client.cookies[COOKIE] = citizen_cookie(world["citizen_a"])
    before = snapshot()
    response = client.post(address, body_of(route, world))
    if label in CSRF_EXEMPT:
        return
    assert response.status_code == 403, f"POST {address} without CSRF token: {describe(response)}"
    assert "Không gửi được biểu mẫu" in response.content.decode(), address
    assert snapshot() == before


def test_csrf_exempt_views_are_the_listed_ones():
    exempt = {label for label, route in ROUTES.items() if getattr(route.callback, "csrf_exempt", False)}
    assert exempt == set(CSRF_EXEMPT)


def test_a_post_with_the_token_gets_through(world, db):
    """The 403s above are CSRF's: the same client with the page's token files A's report."""
    client = client_for(OFFICER_A, world, enforce_csrf_checks=True)
    address = fill(ROUTES["campaign:report_file"], world)
    client.get(address)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(address, {"csrfmiddlewaretoken": token, "text": "<p>Đã đăng 2 bài.</p>",
                                     f"measure_{world['measure'].pk}": "2", "links": "", "caption": ""})
    assert response.status_code == 302
    assert ProgressReport.objects.filter(assignment=world["assignment_a"], period=world["august"]).exists()
