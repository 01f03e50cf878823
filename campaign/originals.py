"""A plan's original file ("Văn bản gốc"): read on the page, downloaded as it is.

Markdown sources (the demo's transcriptions) are rendered with markdown-it-py
(CommonMark plus tables; the transcriptions use pipe tables and <sup>) and the
HTML is cleaned with nh3 like every rich text of the portal. Other formats
(PDF, Word, ODT) are offered for download only.
"""

import re
from pathlib import PurePosixPath

import nh3
from markdown_it import MarkdownIt

from .richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

CONTENT_TYPES = {
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
FORMAT_NAMES = {
    ".md": "Markdown", ".txt": "văn bản thuần", ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument",
}
RENDERED = {".md"}
SOURCE_TAGS = ALLOWED_TAGS | {"h1", "h5", "h6", "hr", "code", "pre"}
_markdown = MarkdownIt("commonmark", {"html": True}).enable("table")


def extension(name):
    return PurePosixPath(name or "").suffix.lower()


def content_type(name):
    return CONTENT_TYPES.get(extension(name), "application/octet-stream")


def format_name(name):
    return FORMAT_NAMES.get(extension(name), extension(name).lstrip(".").upper() or "không rõ")


def is_rendered(name):
    return extension(name) in RENDERED


def download_name(plan):
    """'Văn bản gốc - <trích yếu>.md': a Vietnamese name without characters a file system refuses."""
    title = re.sub(r'[\\/:*?"<>|\r\n\t]+', " ", plan.title)
    title = re.sub(r"\s+", " ", title).strip()
    if len(title) > 100:
        title = title[:100].rsplit(" ", 1)[0]
    return f"Văn bản gốc - {title}{extension(plan.original_file.name)}"


def render_markdown(text):
    """Markdown as clean HTML: formatting and tables only, no script, no style, no comments."""
    html = _markdown.render(text) if text.strip() else ""
    return nh3.clean(
        html, tags=SOURCE_TAGS, attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow",
    ).strip()


def rendered_original(plan):
    """The original file as HTML, or None when its format is for download only."""
    name = plan.original_file.name
    if not name or not is_rendered(name):
        return None
    with plan.original_file.open("rb") as original:
        text = original.read().decode("utf-8", errors="replace")
    return render_markdown(text)
