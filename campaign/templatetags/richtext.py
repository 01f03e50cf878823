"""`{{ value|richtext }}`: the one way a template shows stored HTML.

The value comes from a campaign.fields.RichTextField and was cleaned when it
was stored; it is cleaned again here (under a millisecond for a typical report), so a row that
reached the database some other way (raw SQL, an old backup) still cannot
run a script on a page. Templates never use `|safe` on stored text.
`{{ value|richtext:"images" }}` keeps the images of our own media (articles, pages).
"""

from django import template
from django.utils.safestring import mark_safe

from campaign.richtext import clean_html

register = template.Library()


@register.filter
def richtext(value, option=""):
    return mark_safe(clean_html(str(value) if value is not None else "", images=option == "images"))  # noqa: S308 – cleaned by nh3 just above
