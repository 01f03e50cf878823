"""Search (issue 13): keep each article's full-text vector inside its table row (STORAGE MAIN).

The newest-first walk of a search (content.search.Query.ranked) reads articles backwards by
publication time and checks each one's `search_vector`. With the default storage (EXTENDED) the
vector, the largest of an article's columns once compressed (about 1.2 kB), is the one PostgreSQL
moves out to the TOAST table, so each row checked cost three or four more buffer reads (the TOAST
index and its chunks): on 100,000 articles "phom vi" read 16,400 buffers. With MAIN the vector stays
in the row (compressed; it leaves only if the row would not fit a page) and the body and folded text
go to TOAST instead, which the walk never reads: 1,340 buffers for the same query
(docs/decisions.md, "Search: the vector inside the row").

Existing rows are rewritten once so that their vectors move in (an UPDATE recomputes a stored
generated column); new and edited rows are stored so by PostgreSQL itself. Nothing on SQLite.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE content_article ALTER COLUMN search_vector SET STORAGE MAIN",
    "UPDATE content_article SET search_text = search_text",
]
BACKWARD = [
    "ALTER TABLE content_article ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0003_revisions"),
    ]

    operations = [migrations.RunPython(forward, backward)]
