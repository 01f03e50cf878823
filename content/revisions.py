"""Revisions of articles: one per save, their list with what changed, a diff of two, and restore.

The rows are django-simple-history's (`Article.history`, model `HistoricalArticle`, themes in
`HistoricalArticle_themes`). A form save is a save then the themes: `save_with_revision` turns
the history signals off for both and records one revision after them, so a save is one revision,
not three. The workflow moves are conditional UPDATEs that send no signal: `record` after them.
"""

import difflib
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from campaign.text import visible_text

from .models import ARTICLE_HISTORY, Article

# What a revision compares and shows, in the order of the form. Status and the approval are shown,
# not restored (restore_revision).
COMPARED = ["title", "summary", "body", "section", "themes", "cover", "cover_caption", "cover_alt",
            "author", "source", "unit", "status", "published_at", "featured"]
RESTORED = ["title", "summary", "body", "section", "cover", "cover_caption", "cover_alt", "author", "source"]
KINDS = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}


def label(name):
    return Article._meta.get_field(name).verbose_name.capitalize()


@contextmanager
def one_revision(article):
    """Within the block, saves and theme changes of `article` record nothing."""
    article.skip_history_when_saving = True
    try:
        yield
    finally:
        if hasattr(article, "skip_history_when_saving"):
            del article.skip_history_when_saving


def record(article, *, by, reason="", created=False):
    """Record `article` as it is now as a revision by `by` (themes included)."""
    article._history_user = by
    article._change_reason = reason
    ARTICLE_HISTORY.create_historical_record(article, "+" if created else "~")
    del article._history_user, article._change_reason
    return Article.history.filter(id=article.pk).order_by("-history_id").first()


def save_with_revision(article, *, by, save_m2m=None, reason=""):
    created = article.pk is None
    with one_revision(article):
        article.save()
        if save_m2m is not None:
            save_m2m()
    return record(article, by=by, reason=reason, created=created)


def _themes_of(revisions):
    """{history_id: frozenset of theme ids} in one query."""
    through = ARTICLE_HISTORY.m2m_models[Article._meta.get_field("themes")]
    themes = {revision.history_id: set() for revision in revisions}
    for history_id, theme_id in through.objects.filter(history__in=[r.history_id for r in revisions]).values_list("history_id", "theme_id"):
        themes[history_id].add(theme_id)
    return {key: frozenset(value) for key, value in themes.items()}


def _value(revision, name, themes):
    if name == "themes":
        return themes[revision.history_id]
    field = Article._meta.get_field(name)
    return getattr(revision, field.attname)


def revision_list(article):
    """The revisions of `article`, newest first, each with `changed` (labels of the fields that
    differ from the revision before it) and `kind_label`. Three queries whatever their number."""
    revisions = list(Article.history.filter(id=article.pk).select_related("history_user").order_by("-history_date", "-history_id"))
    themes = _themes_of(revisions)
    for newer, older in zip(revisions, revisions[1:] + [None]):
        newer.kind_label = KINDS.get(newer.history_type, newer.history_type)
        newer.changed = [label(name) for name in COMPARED
                         if _value(newer, name, themes) != _value(older, name, themes)] if older else []
    return revisions


def word_diff(old, new):
    """The visible text of two HTML bodies, word by word, removed words in <del>, added in <ins>;
    every word escaped."""
    old_words, new_words = visible_text(old).split(), visible_text(new).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))


def _shown(revision, name, themes, names):
    value = _value(revision, name, themes)
    if name == "themes":
        return "; ".join(sorted(names["themes"].get(pk, "?") for pk in value)) or "—"
    if name in ("section", "unit"):
        return names[name].get(value, "—") if value else "—"
    if name == "status":
        return Article.Status(value).label if value in Article.Status.values else value
    if name == "featured":
        return "Có" if value else "Không"
    if name == "published_at":
        return f"{timezone.localtime(value):%H:%M %d/%m/%Y}" if value else "—"
    return str(value) if value else "—"


def compare(old, new):
    """The fields that differ between two revisions: dicts of label, old, new (texts), and for
    the body a word diff (`diff`, safe HTML)."""
    from campaign.models import Theme, Unit

    from .models import Section

    themes = _themes_of([old, new])
    names = {
        "section": dict(Section.objects.filter(pk__in={old.section_id, new.section_id}).values_list("pk", "name")),
        "unit": dict(Unit.objects.filter(pk__in={old.unit_id, new.unit_id} - {None}).values_list("pk", "name")),
        "themes": dict(Theme.objects.filter(pk__in=themes[old.history_id] | themes[new.history_id]).values_list("pk", "title")),
    }
    rows = []
    for name in COMPARED:
        if _value(old, name, themes) == _value(new, name, themes):
            continue
        row = {"label": label(name), "old": _shown(old, name, themes, names), "new": _shown(new, name, themes, names)}
        if name == "body":
            if visible_text(old.body).split() == visible_text(new.body).split():
                # The editor re-wrote the markup (a <p>, a space), not a word: the layout changed.
                row["diff"] = mark_safe("<em>Chỉ đổi cách trình bày, chữ giữ nguyên.</em>")
            else:
                row["diff"] = word_diff(old.body, new.body)
        rows.append(row)
    return rows


def restore_revision(*, article, revision, by, approver):
    """Bring back the text of `revision` (title, summary, body, section, themes, cover and its
    caption, author, source) as a new revision. The slug stays (shared links keep working), and so
    do the status and approval, except that a published article restored by someone without the
    approval permission goes back to chờ duyệt."""
    for name in RESTORED:
        field = Article._meta.get_field(name)
        value = getattr(revision, field.attname)
        if name == "cover" and value and not default_storage.exists(value):
            continue  # the old cover file is gone: keep the current one
        setattr(article, field.attname, value)
    if article.status == Article.Status.PUBLISHED and not approver:
        article.status = Article.Status.PENDING
    theme_ids = _themes_of([revision])[revision.history_id]
    return save_with_revision(article, by=by, save_m2m=lambda: article.themes.set(theme_ids),
                              reason=f"Khôi phục phiên bản lúc {timezone.localtime(revision.history_date):%H:%M:%S %d/%m/%Y}")
