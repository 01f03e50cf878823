"""Every public page of the portal, from the URL resolver, the sitemap and the demo data (issue 15).

The accessibility test (tests/e2e/test_accessibility.py, axe-core in Chromium) and the HTML
test (tests/test_html_valid.py, the Nu HTML Checker) both go through `public_pages()`. The
pages are not a hand-written list of addresses: every page of the sitemap (each article,
section, material and fixed page), every published contest and report, and the pages a
citizen reaches by doing something (searching, registering, starting and submitting an
attempt). `test_every_url_pattern_is_covered_or_excluded` then fails when a URL pattern of
the resolver is neither reached by one of these pages nor listed in EXCLUDED with its reason,
so a new public view cannot escape the two checks.
"""

from dataclasses import dataclass

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

# Patterns that are not public HTML pages, by the first part of their route or by their view
# name, each with the reason.
EXCLUDED_PREFIXES = {
    "lam-viec/": "the workspace: staff and officers only, behind a login (its main pages are checked for valid "
                 "HTML as staff and as an officer in tests/test_html_valid.py)",
    "quan-tri/": "Django's admin: staff only, Django's own templates",
    "cuoc-thi/quan-ly/": "the quiz's management pages: staff only",
    "tai-khoan/xac-thuc-hai-buoc/": "two-factor sign-in of a signed-in account: status, enrolment, its QR image, "
                                    "recovery codes, turning it off (tests/config/test_twofactor.py)",
    "captcha/": "django-simple-captcha's image, audio and refresh answers, not pages",
    "ckeditor5/": "the rich-text editor's image upload, staff only, answers JSON",
    "^media/": "uploaded files (served by Django in development only)",
}
EXCLUDED_NAMES = {
    "content:feed_rss": "RSS feed (XML, not HTML)",
    "content:feed_atom": "Atom feed (XML, not HTML)",
    "content:section_rss": "RSS feed (XML, not HTML)",
    "content:section_atom": "Atom feed (XML, not HTML)",
    "content:sitemap": "sitemap.xml (XML, not HTML)",
    "content:robots": "robots.txt (plain text)",
    "content:material_download": "the material's file itself (PDF, Word…), not a page",
    "contests:autosave": "POST only, answers JSON to the attempt page's script",
    "contests:submit": "POST only, redirects to the result page (reached here by submitting)",
    "contests:start": "POST only, redirects to the attempt page (reached here by starting)",
    "reports:exports": "exports of the report: staff only",
    "reports:export_create": "exports of the report: staff only, POST",
    "reports:export_status": "exports of the report: staff only",
    "reports:export_download": "exports of the report: staff only, a file",
    "reports:values_import": "import of figures: staff only",
    "reports:values_import_template": "import of figures: staff only, an Excel file",
    "logout": "POST only, ends the session",
    "twofactor_verify": "the code after a correct password: a visitor without one is sent to the login page "
                        "(tests/config/test_twofactor.py)",
    "password_change": "needs an account (checked as staff in tests/test_html_valid.py)",
    "password_change_done": "needs an account",
    "calendar_feed": "iCalendar feed (text/calendar), not HTML",
    "healthz": "health check for the load balancer, not a page",
    "favicon.ico": "redirect to the icon",
}


@dataclass(frozen=True)
class PublicPage:
    label: str
    path: str
    status: int = 200
    # Seen by the browser of a registered quiz participant (their identity cookie, contests.identity).
    participant: bool = False


def pattern_key(name, route):
    """How a URL pattern is named here: its namespaced view name, else its route."""
    return name or route


def url_patterns():
    """{key: route} of every URL pattern of the resolver."""
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = ":".join(n for n in (namespace, pattern.name) if n) if pattern.name else None
                found[pattern_key(name, route)] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def excluded(key, route):
    """The reason a pattern is left out, or None."""
    if key in EXCLUDED_NAMES:
        return EXCLUDED_NAMES[key]
    return next((why for prefix, why in EXCLUDED_PREFIXES.items() if route.startswith(prefix)), None)


def covered_key(path):
    """The pattern a page's path reaches (None for the 404 page)."""
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return None
    return pattern_key(match.view_name if match.url_name else None, match.route)


@dataclass
class QuizVisitor:
    """A demo participant of the contest running now: a submitted attempt whose answers are
    revealed, and an attempt started in the round open now."""

    participant: object
    submitted: object
    running: object


def quiz_visitor():
    from django.utils import timezone

    from contests import selectors, services
    from contests.models import Attempt, Contest

    now = timezone.now()
    for contest in Contest.objects.published().order_by("pk"):
        current = selectors.contest_rounds(contest=contest, now=now)["current"]
        if current is None:
            continue
        submitted = (
            Attempt.objects.submitted()
            .filter(round__contest=contest, round__answers_revealed_at__isnull=False)
            .exclude(participant__attempts__round=current)
            .select_related("participant", "round").order_by("pk").first()
        )
        if submitted is None:
            continue
        running = services.attempt_start(round=current, participant=submitted.participant, now=now)
        return QuizVisitor(participant=submitted.participant, submitted=submitted, running=running)
    raise AssertionError("Dữ liệu minh họa không có cuộc thi đang mở đợt thi với một bài thi đã nộp và đã công bố đáp án")


def participant_cookie(participant):
    """(name, value) of the cookie that makes a browser this participant."""
    from contests import identity

    return identity.COOKIE, identity.cookie_value({participant.contest_id: participant.pk})


def public_pages(visitor):
    """The public pages of the demo, as PublicPage rows; `visitor` from quiz_visitor()."""
    from django.urls import reverse

    from content.sitemaps import SITEMAPS
    from contests.models import Contest
    from reports import selectors as report_selectors

    pages = []
    for kind, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        for item in sitemap.items():
            location = sitemap.location(item)
            pages.append(PublicPage(f"sitemap {kind}", location))

    pages += [
        PublicPage("search with results", reverse("content:search") + "?q=Lào"),
        PublicPage("search without diacritics", reverse("content:search") + "?q=hop+tac"),
        PublicPage("search with no result", reverse("content:search") + "?q=zzxqkhongcogi"),
        PublicPage("search without a query", reverse("content:search")),
        PublicPage("page not found", "/trang-khong-co-that/", status=404),
        PublicPage("login", reverse("login")),
        PublicPage("set-password link no longer valid",
                   reverse("password_reset_confirm", args=["MQ", "het-han"])),
        PublicPage("password set", reverse("password_reset_complete")),
    ]

    for report in report_selectors.published_reports().order_by("pk"):
        pages.append(PublicPage(f"report {report.code}", reverse("reports:detail", args=[report.code])))
    pages.append(PublicPage("report comparison", reverse("reports:compare")))

    for contest in Contest.objects.published().order_by("pk"):
        code = contest.code
        pages.append(PublicPage(f"contest {code}", reverse("contests:contest", args=[code])))
        for round in contest.rounds.filter(results_computed_at__isnull=False).order_by("number")[:1]:
            pages.append(PublicPage(f"ranking {code} round {round.number}",
                                    reverse("contests:round_results", args=[code, round.number])))

    contest = visitor.participant.contest
    code = contest.code
    running, submitted = visitor.running, visitor.submitted
    pages += [
        PublicPage("quiz registration", reverse("contests:register", args=[code])),
        PublicPage("quiz registration restored on another device", reverse("contests:restore", args=[code])),
        PublicPage("quiz page of someone else's attempt", reverse("contests:attempt", args=[running.key]), status=403),
        PublicPage("contest as a participant", reverse("contests:contest", args=[code]), participant=True),
        PublicPage("my registration", reverse("contests:my_registration", args=[code]), participant=True),
        PublicPage("quiz answer page", reverse("contests:attempt", args=[running.key]), participant=True),
        PublicPage("quiz result with answers", reverse("contests:result", args=[submitted.key]), participant=True),
        PublicPage("shared result", reverse("contests:share", args=[submitted.share_key])),
    ]
    return pages


def uncovered_patterns(pages):
    """Keys of URL patterns that no page reaches and EXCLUDED does not name, and exclusions that
    name no pattern."""
    patterns = url_patterns()
    covered = {covered_key(page.path) for page in pages}
    missing = sorted(key for key, route in patterns.items() if key not in covered and not excluded(key, route))
    stale = sorted(set(EXCLUDED_NAMES) - set(patterns))
    return missing, stale
