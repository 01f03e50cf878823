"""The public pages' cache: whole responses for anonymous visitors, in Django's cache
(Redis on the real stack, each process's memory without REDIS_URL).

Invalidation is a generation counter (docs/decisions.md, "Cache of the public pages"):
every page key holds the current value of `content:generation`, and any change that a
public page may show (a publish, an edit of a published article, an unpublish, a section,
material, fixed page, key date or reference document saved or deleted, in the portal's
pages or the admin) sets a new generation, so every page is rendered afresh on its next
visit and the old entries expire on their own.

A scheduled article needs no task: a page is kept at most until the next scheduled
publish time (and until the next local midnight, when the countdowns and "upcoming"
key dates move on, and until an open quiz round on the home page closes).

Never cached: a signed-in visitor's page (the header shows their account) – nor is their
request answered from the cache –, a request with messages waiting, a response that is
not a plain 200, sets a cookie (CSRF, session) or used the request's CSP nonce (the
cached body would carry a nonce the next response's header does not allow).
"""

import hashlib
import math
import uuid
from datetime import datetime, time, timedelta
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "content:generation"
PAGE_KEY = "content:page:{generation}:{digest}"


def page_seconds():
    """How long the server keeps a page at most (a quiz round opening shows within this)."""
    return getattr(settings, "CONTENT_PAGE_CACHE_SECONDS", 300)


def browser_seconds():
    """Cache-Control max-age of an anonymous public page (browsers and proxies)."""
    return getattr(settings, "CONTENT_PAGE_MAX_AGE", 60)


# The generation --------------------------------------------------------------------

def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def _set_new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def bump():
    """Forget every cached page: now (this process's next request already sees the change,
    even inside a transaction) and again when the transaction commits (a page another
    process rendered from the old rows meanwhile is not kept)."""
    _set_new_generation()
    transaction.on_commit(_set_new_generation)


# Keeping pages ---------------------------------------------------------------------

def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    return len(get_messages(request)) == 0


def _response_is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the CSRF middleware is about to set a cookie
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # the session middleware is about to set a cookie
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the body names this request's nonce
    return not request.user.is_authenticated


def _seconds_to_local_midnight(now):
    local = timezone.localtime(now)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
    return (midnight - local).total_seconds()


NEXT_SCHEDULED_KEY = "content:next-scheduled:{generation}"
NONE = "none"


def next_scheduled(gen):
    """The next scheduled publish time (or None): read once per generation, as any
    approval or edit that could move it sets a new generation."""
    from .models import Article

    key = NEXT_SCHEDULED_KEY.format(generation=gen)
    value = cache.get(key)
    if value is None:
        value = (Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
                 .order_by("published_at").values_list("published_at", flat=True).first()) or NONE
        cache.set(key, value, timeout=page_seconds())
    return None if value == NONE else value


def timeout(gen, now=None):
    """Seconds a page rendered now may be kept: the default, capped by the next scheduled
    publish and the next local midnight (the countdowns and "upcoming" key dates move on)."""
    now = now or timezone.now()
    limits = [page_seconds(), _seconds_to_local_midnight(now)]
    scheduled = next_scheduled(gen)
    if scheduled:
        limits.append((scheduled - now).total_seconds())
    return math.floor(min(limits))


def keep_until(request, moments):
    """A view says its page is out of date at these times (a quiz round shown on the home closes)."""
    now = timezone.now()
    caps = [math.floor((moment - now).total_seconds()) for moment in moments if moment]
    request._page_cache_caps = [*getattr(request, "_page_cache_caps", []), *caps]


def _key(request, gen):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return PAGE_KEY.format(generation=gen, digest=digest)


def _pack(response):
    return {"status": response.status_code, "headers": list(response.items()), "content": response.content}


def _unpack(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    return response


def _public_headers(response):
    patch_cache_control(response, public=True, max_age=browser_seconds())
    patch_vary_headers(response, ["Cookie"])
    return response


def public_page(view=None, *, extra_limits=None):
    """Cache `view`'s page for anonymous visitors, keyed by path and query string and the generation.

    `extra_limits(response)` may return more caps, in seconds, for the page's timeout."""

    if view is None:
        return lambda view: public_page(view, extra_limits=extra_limits)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _request_is_cacheable(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        gen = generation()
        key = _key(request, gen)
        stored = cache.get(key)
        if stored is not None:
            return _public_headers(_unpack(stored))
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _response_is_storable(request, response):
            seconds = min([timeout(gen), *getattr(request, "_page_cache_caps", [])])
            if seconds >= 1:
                cache.set(key, _pack(response), timeout=seconds)
            return _public_headers(response)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


# What clears the pages ------------------------------------------------------------

def _article_changed(sender, instance, **kwargs):
    """A draft's edits show nowhere: only an article that is, or was, published clears the pages."""
    published = sender.Status.PUBLISHED
    if instance.status == published or getattr(instance, "_stored", {}).get("status") == published:
        bump()


def _changed(sender, **kwargs):
    bump()


def connect_signals():
    """Called by ContentConfig.ready(): the content models, and the campaign's rows the pages show."""
    from django.apps import apps

    from campaign.models import KeyDate, ReferenceDocument, ReferenceSection

    from .models import Article

    post_save.connect(_article_changed, sender=Article, dispatch_uid="content_cache_article_save")
    post_delete.connect(_changed, sender=Article, dispatch_uid="content_cache_article_delete")
    # Revisions (django-simple-history's historical rows) are staff-only: a draft's revision
    # must not clear the public pages.
    watched = [m for m in apps.get_app_config("content").get_models()
               if m is not Article and not m._meta.model_name.startswith("historical")]
    for model in [*watched, KeyDate, ReferenceDocument, ReferenceSection]:
        uid = f"content_cache_{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "_delete")
