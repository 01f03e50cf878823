"""Text made comparable for search, and the columns an article keeps it in.

One folding rule for the stored text, the query and the highlighter, on every
database (docs/decisions.md, "Search"):

- NFC first (campaign.text.normalize_text), so combining (NFD) and precomposed
  forms of a letter are one string;
- đ/Đ → d, every combining mark dropped, lower case: "Đại hội Đảng" → "dai hoi dang";
- words are runs of letters and digits; hyphens, dashes and punctuation
  separate them: "Cay-xỏn" → "cay xon", "Việt – Lào" → "viet lao".

`exact_words` keeps the diacritics (NFC, lower case): the ranking puts an
article written with the query's own diacritics above one that only folds to it.
"""

import functools
import re
import unicodedata

from django.db import models

from campaign.text import normalize_text

_WORD = re.compile(r"[^\W_]+")


def _strip_marks(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in text if not unicodedata.combining(char))


def fold(text):
    """'Chủ tịch Cay-xỏn Phôm-vi-hản' → 'chu tich cay xon phom vi han'."""
    return " ".join(_WORD.findall(_strip_marks(normalize_text(text)).lower()))


def folded_words(text):
    return fold(text).split()


def exact_words(text):
    """The words with their diacritics, lower case: 'Việt – Lào' → ['việt', 'lào']."""
    return _WORD.findall(normalize_text(text).lower())


@functools.lru_cache(maxsize=50_000)
def fold_word(word):
    """One word of NFC text folded (the highlighter folds word by word; a language's words repeat: cached)."""
    return _strip_marks(word).lower()


def padded(words):
    """' w1 w2 … ': every word, the first too, has a space before it (a LIKE ' w%' finds word starts)."""
    return f" {' '.join(words)} " if words else ""


def folded_columns(title, lead, body):
    """(folded title, folded title + lead + body, title and lead with their diacritics), each padded:
    what an article stores in its search columns and what the search compares, for any text."""
    return (padded(folded_words(title)), padded(folded_words(f"{title} {lead} {body}")),
            padded(exact_words(f"{title} {lead}")))


class SearchColumns(models.Model):
    """The folded copies of a model's text, filled on every save.

    A model says what is searched with `search_parts()` → (title, lead, body): every
    word counts for the match, the title's for the first rank, and the diacritics of the
    title and lead (what a list of results shows) for the second; a
    queryset `.update()` bypasses save(), so code that changes the text in
    bulk calls `fill_search_columns()` itself (the bench does, before bulk_create).
    """

    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    search_exact = models.TextField(editable=False, blank=True, default="")

    SEARCH_FIELDS = ("search_title", "search_text", "search_exact")

    class Meta:
        abstract = True

    def search_parts(self):
        """(title, lead, body) to search; each model that inherits the columns says its own (Article)."""
        raise NotImplementedError(f"{type(self).__name__} phải định nghĩa search_parts()")

    def fill_search_columns(self):
        self.search_title, self.search_text, self.search_exact = folded_columns(*self.search_parts())

    def save(self, *args, **kwargs):
        self.fill_search_columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.SEARCH_FIELDS}
        super().save(*args, **kwargs)
