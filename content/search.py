"""Search of the public portal (/tim-kiem/?q=): articles, materials, and what other apps offer.

A query is folded as the stored text is (content.searchtext): a citizen typing
"quan he viet lao" finds "quan hệ Việt – Lào". Every query word must be a word
of the text ("xon" finds "Cay-xỏn"), except the last, which may be the start of
one, the word being typed ("xu pha nu vo" finds "Xu-pha-nu-vông"; not a one-letter word).

Ranking, best first (the same rule in SQL for articles and in Python for the rest):
1. every word in the title (rank 2) above a match in the body only;
2. then, when the query has diacritics, every word written with them in the title
   or lead (summary) (rank 1) above one that only folds to them;
3. then newer above older.

Articles are matched by the database: on PostgreSQL a full-text query over the
GIN index of the stored `strip(to_tsvector('simple', search_text))` (`quan & he:*`),
elsewhere instr() on the same folded column; the rank is the same CASE on both.
Materials (a few dozen rows) and the sources named in settings.SEARCH_EXTRA_SOURCES
(the cooperation report's sectors: reports.search.sector_candidates) are matched in
Python and shown above the articles on the first page; their folded texts are kept
in the cache for a minute, per generation of the public pages (content.cache), so a
search reads them once a minute, not each time. Query counts do not grow with the
number of articles: two capped reads of (pk, rank) rows (Query.ranked), one page of
articles, and, once a minute, the materials and one query per extra source.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import BooleanField, Case, IntegerField, Prefetch, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from campaign.models import ReferenceDocument, ReferenceSection
from campaign.text import normalize_text, visible_text
from config.registries import functions

from . import cache as page_cache
from .models import Article, Material
from .searchtext import _WORD, exact_words, fold_word, folded_columns, folded_words

MAX_QUERY_CHARS = 100
MAX_WORDS = 8
MIN_CHARS = 2
PER_PAGE = 10
# At most this many articles are ranked into pages (20 pages); the count stops there.
MAX_RESULTS = 200
# The ranking sorts the newest this many matches and the newest this many with the words in the
# title, so that a word most articles hold ("Lào") costs what a rarer one does (docs/decisions.md, "Search").
MAX_CANDIDATES = MAX_RESULTS
MAX_OTHER_HITS = 10
SNIPPET_CHARS = 240
SNIPPET_MATCHES = 200  # the snippet's window is chosen among the first matches only
# The folded texts of the materials and the extra sources are kept this long (and per generation).
OTHER_CANDIDATES_SECONDS = 60
OTHER_CANDIDATES_KEY = "content:search-candidates:{generation}"

TITLE_RANK = 2
EXACT_RANK = 1

# PostgreSQL: the stored to_tsvector('simple', search_text) content/migrations/0002_search.py adds (GIN index).
# Unqualified: in the candidates' subquery the table has an alias (U0); no other table has the column.
FTS_DOCUMENT = '"search_vector"'

HINT_EMPTY = "Nhập từ cần tìm, có dấu hoặc không dấu, ví dụ: quan he viet lao."
HINT_SHORT = f"Từ cần tìm quá ngắn: nhập ít nhất {MIN_CHARS} chữ cái hoặc chữ số."


def _prefix(words, n):
    """The last word of a query may be a word being typed (two letters or more); the others are whole words."""
    return n == len(words) - 1 and len(words[n]) > 1


def _patterns(words):
    """What each word looks like inside a padded column: ' word ' (whole), ' word' (the start of one)."""
    return [f" {word}" if _prefix(words, n) else f" {word} " for n, word in enumerate(words)]


def _containing(column, words):
    """Every word's pattern in the padded column: instr() on SQLite, strpos() on PostgreSQL (no LIKE escaping)."""
    return Q(*[GreaterThan(StrIndex(column, Value(pattern)), 0) for pattern in _patterns(words)])


@dataclass
class Query:
    """A citizen's query, cut to its bounds and folded."""

    text: str
    words: list
    exact: list = field(default_factory=list)  # with diacritics; empty when the query has none
    cut: bool = False
    hint: str = ""
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)  # folded text word → query word

    @classmethod
    def parse(cls, raw):
        typed = normalize_text(raw)
        text = typed[:MAX_QUERY_CHARS]
        words = folded_words(text)
        cut = len(typed) > MAX_QUERY_CHARS or len(words) > MAX_WORDS
        words = list(dict.fromkeys(words[:MAX_WORDS]))
        exact = list(dict.fromkeys(exact_words(text)[:MAX_WORDS]))
        if exact == words:
            exact = []
        hint = ""
        if not words:
            hint = HINT_EMPTY
        elif sum(len(word) for word in words) < MIN_CHARS:
            hint, words, exact = HINT_SHORT, [], []
        return cls(text=text, words=words, exact=exact, cut=cut, hint=hint)

    def __bool__(self):
        return bool(self.words)

    # Matching in Python, as the database does on the stored columns -----------------

    @staticmethod
    def _contains(padded_text, words):
        return all(pattern in padded_text for pattern in _patterns(words))

    def matches(self, text):
        return bool(self.words) and self._contains(f" {' '.join(folded_words(text))} ", self.words)

    def rank(self, title, text, lead=""):
        """The rank of a title, its lead and its text (as Article's SQL CASE), None when they do not match."""
        return self.rank_folded(*folded_columns(title, lead, text))

    def rank_folded(self, folded_title, folded_all, exact_title_lead):
        """rank() on the padded columns folded_columns() gives (as an article's search columns)."""
        if not self.words or not self._contains(folded_all, self.words):
            return None
        rank = TITLE_RANK if self._contains(folded_title, self.words) else 0
        if self.exact and self._contains(exact_title_lead, self.exact):
            rank += EXACT_RANK
        return rank

    # The same in SQL ------------------------------------------------------------------

    def tsquery(self):
        return " & ".join(f"{word}:*" if _prefix(self.words, n) else word for n, word in enumerate(self.words))

    def matching(self, now=None):
        """Published articles matching every word, unordered (what is counted)."""
        queryset = Article.objects.published(now)
        if connections[queryset.db].vendor == "postgresql":
            return queryset.filter(RawSQL(
                f"{FTS_DOCUMENT} @@ to_tsquery('simple'::regconfig, %s)", [self.tsquery()], output_field=BooleanField()))
        return queryset.filter(_containing("search_text", self.words))

    def _rank(self):
        rank = Case(When(_containing("search_title", self.words), then=Value(TITLE_RANK)),
                    default=Value(0), output_field=IntegerField())
        if self.exact:
            rank = rank + Case(When(_containing("search_exact", self.exact), then=Value(EXACT_RANK)),
                               default=Value(0), output_field=IntegerField())
        return rank

    def articles(self, now=None):
        """Every matching article, best first (see the module's ranking), in one query: what ranked() bounds."""
        return (self.matching(now).annotate(rank=self._rank()).select_related("section")
                .defer("search_title", "search_text", "search_exact")
                .order_by("-rank", "-published_at", "-pk"))

    def ranked(self, now=None, limit=None):
        """[(pk, rank)] best first, and whether that is every match: two queries, `limit` rows each.

        The newest `limit` matches, and the newest `limit` with every word in the title, each with
        its rank: on PostgreSQL the first reads the full-text index, the second the trigram index of
        the folded title (LIKE '% cay %'), so the first rank is whole however common the words are.
        """
        limit = limit or MAX_CANDIDATES
        fields = ("pk", "published_at", "rank")
        newest = list(self.matching(now).annotate(rank=self._rank()).order_by("-published_at", "-pk")
                      .values_list(*fields)[:limit])
        titled = list(Article.objects.published(now)
                      .filter(*[Q(search_title__contains=pattern) for pattern in _patterns(self.words)])
                      .annotate(rank=self._rank()).order_by("-published_at", "-pk").values_list(*fields)[:limit])
        rows = sorted({(rank, published_at, pk) for pk, published_at, rank in newest + titled}, reverse=True)
        return [(pk, rank) for rank, _, pk in rows], len(newest) < limit

    # Highlighting ---------------------------------------------------------------------

    def _word_index(self, word):
        """Which query word this word of the text matches (its index), or None."""
        folded = fold_word(word)
        if folded not in self._indexes:
            self._indexes[folded] = next((n for n, w in enumerate(self.words) if folded == w or (
                _prefix(self.words, n) and folded.startswith(w))), None)
        return self._indexes[folded]

    def _word_hits(self, word):
        return self._word_index(word) is not None

    def _best_start(self, text, size):
        """The match where the tightest run of text holding the most distinct query words begins."""
        found = [(m.start(), i) for m in _WORD.finditer(text) if (i := self._word_index(m.group())) is not None]
        best, best_key = 0, (0, 0)
        for n, (start, _) in enumerate(found[:SNIPPET_MATCHES]):
            seen, span = set(), 0
            for position, i in found[n:]:
                if position >= start + size * 2 // 3:
                    break
                if i not in seen:
                    seen.add(i)
                    span = position - start
            key = (len(seen), -span)
            if key > best_key:
                best, best_key = start, key
        return best

    def _marked(self, text, start, end):
        out, position = [], start
        for match in _WORD.finditer(text, start, end):
            if self._word_hits(match.group()):
                out += [escape(text[position:match.start()]), "<mark>", escape(match.group()), "</mark>"]
                position = match.end()
        out.append(escape(text[position:end]))
        return "".join(out)

    def highlight(self, text):
        """The whole (short) text, matched words in <mark>, escaped first."""
        text = normalize_text(text)
        return mark_safe(self._marked(text, 0, len(text)))

    def snippet(self, text, size=SNIPPET_CHARS):
        """About `size` characters of the text where most query words are, highlighted."""
        text = normalize_text(text)
        first = self._best_start(text, size)
        start = max(0, first - size // 3)
        if start:
            space = text.find(" ", start, first)
            start = space + 1 if space != -1 else start
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", max(first, start), end)
            end = space if space > first else end
        body = self._marked(text, start, end)
        return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    title_html: str
    snippet: str
    when: object = None  # a date or a datetime, shown as a date
    section: str = ""
    rank: int = 0


@dataclass
class SearchResult:
    query: Query
    page: object = None  # a Page of Hit (articles)
    others: list = field(default_factory=list)  # materials and other apps' hits, on the first page
    count: int = 0
    capped: bool = False


def _day(value):
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value or date.min


def article_hits(articles, query):
    return [Hit(
        kind="Tin bài", title=article.title, url=article.get_absolute_url(),
        title_html=query.highlight(article.title),
        snippet=query.snippet(f"{article.summary} {visible_text(article.body)}".strip()),
        when=article.published_at, section=article.section.name, rank=article.rank,
    ) for article in articles]


def material_candidates():
    """The one list of materials (content.selectors.material_list: public materials and the reference
    documents no material links) as dicts (title, text, url, kind, date); three queries whatever their number."""
    sections = Prefetch("sections", queryset=ReferenceSection.objects.order_by("order"))
    materials = list(Material.objects.filter(is_published=True).select_related("reference")
                     .prefetch_related(Prefetch("reference__sections", queryset=sections.queryset)))
    materials += [Material.from_reference(document)
                  for document in ReferenceDocument.objects.filter(material=None).prefetch_related(sections)]
    for material in materials:
        parts = [material.authors, material.publisher, visible_text(material.description)]
        if material.reference_id:
            parts.append(material.reference.subtitle)
            for section in material.reference_sections:
                parts += [section.heading, visible_text(section.body)]
        yield {
            "title": material.title, "text": " ".join(p for p in parts if p), "url": material.get_absolute_url(),
            "kind": "Tài liệu", "date": date(material.year, 1, 1) if material.year else material.updated_at,
        }


def other_candidates():
    """The materials and the extra sources' candidates, each with its folded columns ("folded"):
    read and folded once a minute and once per generation of the public pages, kept in the cache."""
    key = OTHER_CANDIDATES_KEY.format(generation=page_cache.generation())
    candidates = cache.get(key)
    if candidates is None:
        candidates = list(material_candidates())
        for source in functions("SEARCH_EXTRA_SOURCES"):
            candidates += list(source())
        for candidate in candidates:
            candidate["folded"] = folded_columns(candidate["title"], candidate.get("lead", ""), candidate["text"])
        cache.set(key, candidates, timeout=OTHER_CANDIDATES_SECONDS)
    return candidates


def other_hits(query):
    """Materials and the extra sources' hits that match, ranked as articles are, at most MAX_OTHER_HITS."""
    hits = []
    for candidate in other_candidates():
        rank = query.rank_folded(*candidate["folded"])
        if rank is None:
            continue
        hits.append(Hit(
            kind=candidate["kind"], title=candidate["title"], url=candidate["url"],
            title_html=query.highlight(candidate["title"]),
            snippet=query.snippet(f"{candidate.get('lead', '')} {candidate['text']}".strip()),
            when=candidate.get("date"), section=candidate.get("section", ""), rank=rank,
        ))
    hits.sort(key=lambda hit: (hit.rank, _day(hit.when)), reverse=True)
    return hits[:MAX_OTHER_HITS]


def search(raw_query, page_number=1, now=None):
    """What /tim-kiem/ shows for `?q=raw_query&trang=page_number`; bad page numbers give the nearest page."""
    query = Query.parse(raw_query)
    if not query:
        return SearchResult(query=query)
    ranked, complete = query.ranked(now)
    ranked = ranked[:MAX_RESULTS]
    page = Paginator(ranked, PER_PAGE).get_page(page_number)
    articles = (Article.objects.select_related("section").defer("search_title", "search_text", "search_exact")
                .in_bulk([pk for pk, _ in page.object_list]))
    for pk, rank in page.object_list:
        articles[pk].rank = rank
    page.object_list = article_hits([articles[pk] for pk, _ in page.object_list], query)
    others = other_hits(query) if page.number == 1 else []
    return SearchResult(query=query, page=page, others=others, count=len(ranked),
                        capped=not complete or len(ranked) >= MAX_RESULTS)
