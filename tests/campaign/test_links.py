"""{% fixed_url %} (campaign/templatetags/links.py) gives what {% url %} gives, reversed once."""

from unittest import mock

from django.template import Context, Template
from django.urls import reverse

from campaign.templatetags import links


def test_fixed_url_is_url_reversed_once():
    links._reversed.cache_clear()
    template = Template("{% load links %}{% fixed_url 'content:articles' %} {% fixed_url 'home' as home %}[{{ home }}]")
    with mock.patch.object(links, "reverse", wraps=reverse) as reversing:
        assert template.render(Context()) == f"{reverse('content:articles')} [{reverse('home')}]"
        template.render(Context())
    assert reversing.call_count == 2
