"""The activity search: a full-text document per activity, the query, the ranking, the highlights.

On PostgreSQL every activity holds a ``search_vector`` (tsvector, GIN-indexed) made of both of its
languages, weighted A for the title, B for the summary and places, C for the body:

- English text through the ``english`` configuration (stemmed: "visits" finds "visit");
- Chinese text first segmented into words by jieba (``cut_for_search``: "边境管理" gives 边境, 管理
  and 边境管理), then through the ``simple`` configuration, which keeps each word as it is.

Both languages sit in the same document, so a query in either language finds an activity in
either: "Hainan" matches its English title, "海南" its Chinese one, on the same activity.

The query is split the same way: runs of Chinese characters are segmented by jieba and matched
with ``plainto_tsquery('simple', ...)``, the rest goes to ``websearch_to_tsquery('english', ...)``
(quotes, ``or`` and ``-word`` work as on a web search engine). Neither function takes tsquery
syntax from the reader: ``&|!:*`` are plain punctuation there, never an error. Every word must be
found. Results are ordered by ``ts_rank`` (title above summary above body), then newest first.

The document is written from Python (jieba is a Python library) by ``update_documents`` after
every save of an activity (signals), by ``generate_load_data`` with each INSERT, and by the
migration that added the column, for the rows that were there.

SQLite has no full-text configuration for Chinese: there the search keeps matching each word
anywhere in the title, summary, city or venue (``icontains``), titles first, then by date.

``highlight`` marks the words of a query in a text (escaped HTML, ``<mark>``), on either backend.
"""

import html
import logging
import re
from functools import lru_cache

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

# The weights of ts_rank for D, C, B, A: a title match counts ten times a body match.
RANK_WEIGHTS = [0.05, 0.1, 0.4, 1.0]
# Han characters (CJK unified ideographs and extension A, compatibility ideographs).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
HAN_CHAR = re.compile(f"[{HAN}]")
WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
# Fields of the document, per weight: (English field, Chinese field) pairs.
WEIGHTED_FIELDS = {
    "A": ("title",),
    "B": ("summary", "city", "places", "venue"),
    "C": ("body",),
}
DOCUMENT_FIELDS = tuple(
    f"{field}_{language}"
    for fields in WEIGHTED_FIELDS.values()
    for field in fields
    for language in ("en", "zh_hans")
)
# Endings cut from a query's English word before marking it in a text ("migrants" marks "migration").
ENGLISH_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "es", "ed", "s", "y")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=20_000)
def segment(text):
    """Chinese text as words separated by spaces (jieba, search mode); other text as it is.

    Only runs of Han characters go through jieba: Latin words, numbers and punctuation stay
    where they are, so "EU-China 边境管理" gives "EU-China 边境 管理 边境管理".
    """
    if not text or not HAN_CHAR.search(text):
        return text or ""
    jieba = _jieba()
    return HAN_RUN.sub(lambda run: " " + " ".join(jieba.cut_for_search(run.group())) + " ", text)


def plain_text(value):
    """Rich text (the body) as plain text: tags out, entities decoded."""
    if not value:
        return ""
    return html.unescape(TAG.sub(" ", value)) if "<" in value or "&" in value else value


# The document --------------------------------------------------------------------------------------

# setweight(to_tsvector('english', en), 'A') || setweight(to_tsvector('simple', zh), 'A') || ...
DOCUMENT_SQL = " || ".join(
    f"setweight(to_tsvector('{config}'::regconfig, %s), '{weight}')"
    for weight in WEIGHTED_FIELDS
    for config in ("english", "simple")
)


def document_params(values):
    """The six texts of DOCUMENT_SQL from an activity's fields (a dict or an object).

    English text goes to the ``english`` configuration, Chinese text, segmented, to ``simple``.
    Han characters in an English field (an untranslated name) are segmented too.
    """
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name, "")
    params = []
    for fields in WEIGHTED_FIELDS.values():
        for language in ("en", "zh_hans"):
            texts = [plain_text(get(f"{field}_{language}")) for field in fields]
            params.append(" ".join(segment(text) for text in texts if text))
    return params


def update_documents(ids=None, *, batch=2000, model=None):
    """Write the search document of the activities ``ids`` (all when None); PostgreSQL only.

    Reads the fields and writes the documents ``batch`` rows at a time, one UPDATE per batch.
    ``model`` is the Event model (a migration passes its historical one).
    """
    if connection.vendor != "postgresql":
        return 0
    if model is None:
        from .models import Event as model

    rows = model._base_manager.order_by("pk").values("pk", *DOCUMENT_FIELDS)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    written = 0
    pending = []
    for row in rows.iterator(chunk_size=batch):
        pending.append(row)
        if len(pending) == batch:
            written += _write_documents(pending)
            pending = []
    if pending:
        written += _write_documents(pending)
    return written


def update_document(event):
    """Write the search document of one saved activity from its fields: one UPDATE (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return 0
    row = {"pk": event.pk, **{name: getattr(event, name) for name in DOCUMENT_FIELDS}}
    return _write_documents([row])


def _write_documents(rows):
    values = ", ".join(["(%s, " + DOCUMENT_SQL + ")"] * len(rows))
    params = [value for row in rows for value in (row["pk"], *document_params(row))]
    # Table and columns are ours; every text is a parameter.
    sql = (
        "UPDATE activities_event SET search_vector = documents.vector "  # noqa: S608
        f"FROM (VALUES {values}) AS documents (id, vector) WHERE activities_event.id = documents.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# The query -----------------------------------------------------------------------------------------


def query_parts(text):
    """(English text, Chinese words) of a query: the Han runs segmented, the rest kept whole."""
    chinese = []
    for run in HAN_RUN.findall(text):
        chinese.extend(word for word in _jieba().cut_for_search(run) if word.strip())
    english = HAN_RUN.sub(" ", text).strip()
    return english, list(dict.fromkeys(chinese))


def has_words(text):
    """Whether a query holds anything to search for (a letter, a digit or a Han character)."""
    return bool(WORD.search(text or ""))


def search_query(text):
    """The tsquery of a reader's text, or None when it holds no word; PostgreSQL only."""
    from django.contrib.postgres.search import SearchQuery

    english, chinese = query_parts(text)
    parts = []
    if has_words(english):
        parts.append(SearchQuery(english, config="english", search_type="websearch"))
    if chinese:
        parts.append(SearchQuery(" ".join(chinese), config="simple", search_type="plain"))
    if not parts:
        return None
    query = parts[0]
    for part in parts[1:]:
        query &= part
    return query


def search(queryset, text):
    """``queryset`` narrowed to the activities matching ``text``, most relevant first, then newest."""
    if not has_words(text):
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, text)
    return _search_fallback(queryset, text)


def _search_postgresql(queryset, text):
    from django.contrib.postgres.search import SearchRank

    query = search_query(text)
    if query is None:
        return queryset.none()
    rank = SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
    return (
        queryset.filter(search_vector=query)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "-start_date", "-id")
    )


def _search_fallback(queryset, text):
    """Every word somewhere in the title, summary, city or venue, either language; titles first."""
    words = text.split()
    in_title = Q()
    for word in words:
        match = Q()
        for field in ("title", "summary", "city", "venue"):
            for language in ("en", "zh_hans"):
                match |= Q(**{f"{field}_{language}__icontains": word})
        queryset = queryset.filter(match)
        in_title &= Q(title_en__icontains=word) | Q(title_zh_hans__icontains=word)
    in_summary = Q()
    for word in words:
        in_summary &= Q(summary_en__icontains=word) | Q(summary_zh_hans__icontains=word)
    score = Case(
        When(in_title, then=Value(2)),
        When(in_summary, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.annotate(search_rank=score).order_by("-search_rank", "-start_date", "-id")


# Highlights ----------------------------------------------------------------------------------------


def _english_stem(word):
    """A crude stem, so "migrants" marks "migration" and "visits" marks "visit": the index stems too."""
    word = word.lower()
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=512)
def highlight_pattern(text):
    """A compiled pattern marking the words of query ``text``, or None when there are none."""
    english, chinese = query_parts(text or "")
    alternatives = []
    for word in WORD.findall(english):
        if word.lower() in ("or", "and") or HAN_CHAR.search(word):
            continue
        alternatives.append(r"\b" + re.escape(_english_stem(word)) + r"\w*")
    # The runs as typed and their words, longest first: 边境管理 before 边境.
    chinese = {*HAN_RUN.findall(text or ""), *chinese}
    alternatives += [re.escape(word) for word in sorted(chinese, key=len, reverse=True) if WORD.search(word)]
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(value, query):
    """``value`` (plain text) escaped, with the words of ``query`` in ``<mark>``: safe HTML."""
    pattern = highlight_pattern(query or "")
    value = str(value or "")
    if pattern is None:
        return escape(value)
    parts, last = [], 0
    for match in pattern.finditer(value):
        if match.end() == match.start():
            continue
        parts += [escape(value[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    parts.append(escape(value[last:]))
    # Words side by side make one mark: <mark>重新接纳</mark>, not <mark>重新</mark><mark>接纳</mark>.
    return mark_safe("".join(parts).replace("</mark><mark>", ""))  # noqa: S308 -- every piece of text is escaped


# The text of a card's title and summary: <h3 class="card__title"><a ...>TEXT</a></h3>.
CARD_TEXT = re.compile(r'(<(?:h\d|p) class="card__(?:title|summary)">(?:<a [^>]*>)?)([^<]*)(<)')


def highlight_card(card_html, query):
    """A rendered activity card with the words of ``query`` marked in its title and summary.

    Cards are rendered once and remembered (activities.cards); the marks are added to the
    remembered HTML: the text between the tags is unescaped, marked and escaped again, so an
    entity is never cut and no markup of the text survives.
    """
    if highlight_pattern(query or "") is None:
        return card_html

    def mark(match):
        return match.group(1) + highlight(html.unescape(match.group(2)), query) + match.group(3)

    return mark_safe(CARD_TEXT.sub(mark, card_html))  # noqa: S308 -- highlight() escapes
