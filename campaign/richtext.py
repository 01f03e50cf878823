"""Rich text from CKEditor 5 is cleaned with nh3 before it is stored.

Only formatting survives: no scripts, no event handlers, no style, no
`javascript:` links. Links get rel="noopener noreferrer nofollow". The text
is NFC and loses control, bidi-override and zero-width characters (campaign.text).
"""

from html import unescape

import nh3

from .text import strip_invisible

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def clean_html(html):
    return nh3.clean(
        strip_invisible(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def html_to_text(html):
    """Plain text of cleaned HTML, for e-mails, exports and emptiness checks."""
    return unescape(nh3.clean(html or "", tags=set())).replace("\xa0", " ").strip()
