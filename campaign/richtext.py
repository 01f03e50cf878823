"""Rich text from CKEditor 5 is cleaned with nh3 before it is stored.

Only formatting survives: no scripts, no event handlers, no style, no
`javascript:` links. Links get rel="noopener noreferrer nofollow". The text
is NFC and loses control, bidi-override and zero-width characters (campaign.text).

`images=True` (articles, pages of the public portal) also keeps <img> with
src, alt, width and height, but only an image of our own media: its src must
be a path under MEDIA_URL (no other host, no data: or javascript: URL).
"""

import re
from html import unescape
from urllib.parse import unquote

import nh3
from django.conf import settings

from .text import strip_invisible

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


IMAGE_ATTRIBUTES = {"src", "alt", "width", "height"}
DIMENSION = re.compile(r"[0-9]{1,5}")


def _own_media(src):
    """A path under MEDIA_URL that stays there: browsers read "%2e%2e" and a backslash as ".." and "/"
    (WHATWG URL), so both are refused too, as is any scheme or host."""
    media = settings.MEDIA_URL
    path = unquote(src)
    return (media.startswith("/") and src.startswith(media) and path.startswith(media) and not src.startswith("//")
            and ".." not in path and "\\" not in path and ":" not in path)


def _image_attribute(tag, attribute, value):
    if tag != "img":
        return value
    if attribute == "src":
        return value if _own_media(value) else None
    if attribute in ("width", "height"):
        return value if DIMENSION.fullmatch(value) else None
    return value


def clean_html(html, *, images=False):
    tags, attributes = ALLOWED_TAGS, ALLOWED_ATTRIBUTES
    if images:
        tags, attributes = tags | {"img"}, {**attributes, "img": IMAGE_ATTRIBUTES}
    cleaned = nh3.clean(
        strip_invisible(html),
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_image_attribute if images else None,
    ).strip()
    if images:
        # An image whose src was refused is an empty box: drop it.
        cleaned = EMPTY_IMAGE.sub("", cleaned)
    return cleaned


EMPTY_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def html_to_text(html):
    """Plain text of cleaned HTML, for e-mails, exports and emptiness checks."""
    return unescape(nh3.clean(html or "", tags=set())).replace("\xa0", " ").strip()
