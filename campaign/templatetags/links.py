"""{% fixed_url %}: {% url %} for a link without arguments, reversed once per process.

base.html names thirteen such links on every page (header, menu, footer); reversed each time, they
were about a sixth of the quiz's answer page, which follows every start (issue 15). The URL of a
name without arguments changes only with the URL configuration or the script prefix, which key it
(ROOT_URLCONF too, for a page rendered outside a request, as the 500 page is).
"""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@functools.lru_cache(maxsize=256)
def _reversed(name, prefix, urlconf, root_urlconf):
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def fixed_url(name):
    return _reversed(name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
