"""Relevance: precision of the first five results of a judged set of queries, before and after.

Not a test. Run on a database holding the demo content (load_demo), PostgreSQL for the
full-text search (see bench/README.md):

    .venv/bin/python bench/relevance.py --database-url postgres://postgres@127.0.0.1:5432/search_rel

"Before" is the former search: every word ``icontains`` in the title, summary, city or venue of
either language, newest first. "After" is the list's search (activities.search). Precision at 5
is the share of the expected activities found among the first five results (the judged sets
have one or two activities: a perfect search scores 1.0).
"""

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
JUDGED = ROOT / "bench" / "relevance.json"


def before(queryset, text):
    from django.db.models import Q

    for word in text.split():
        match = Q()
        for field in ("title", "summary", "city", "venue"):
            for language in ("en", "zh_hans"):
                match |= Q(**{f"{field}_{language}__icontains": word})
        queryset = queryset.filter(match)
    return queryset.order_by("-start_date", "-id")


def after(queryset, text):
    from django.http import QueryDict

    from activities.filters import EventFilter

    return EventFilter(QueryDict(mutable=True) | {"q": text}, queryset=queryset).qs


def precision(found, expected):
    return len(set(found[:5]) & set(expected)) / min(5, len(expected))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mmsp.settings.dev")
    import django

    django.setup()
    from django.db import connection

    from activities.models import Event

    published = Event.objects.published()
    queries = json.loads(JUDGED.read_text())["queries"]
    print(f"{connection.vendor}, {published.count()} published activities, {len(queries)} queries")
    print("| Query | Expected | P@5 before | P@5 after |")
    print("|---|---|---:|---:|")
    totals = {"en": [0, 0], "zh": [0, 0]}
    for item in queries:
        old = list(before(published, item["q"]).values_list("slug", flat=True))
        new = list(after(published, item["q"]).values_list("slug", flat=True))
        scores = precision(old, item["expect"]), precision(new, item["expect"])
        language = "zh" if any("\u4e00" <= char <= "\u9fff" for char in item["q"]) else "en"
        totals[language][0] += scores[0]
        totals[language][1] += scores[1]
        print(f"| {item['q']} | {', '.join(item['expect'])} | {scores[0]:.2f} | {scores[1]:.2f} |")
    for language, (old, new) in totals.items():
        count = sum(
            1 for item in queries if (language == "zh") == any("\u4e00" <= c <= "\u9fff" for c in item["q"])
        )
        print(f"| **mean, {language}** | | **{old / count:.2f}** | **{new / count:.2f}** |")


if __name__ == "__main__":
    main()
