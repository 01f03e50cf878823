"""Statements of the quiz's busiest requests, prepared once per PostgreSQL connection.

PostgreSQL plans a statement every time it receives its text. For the
submit's read and write, planning took four times as long as running them
(EXPLAIN ANALYZE: 0.2 ms against 0.05 ms each), and a plan costs the database
server's CPU, which the web workers share on a small host. A prepared
statement is planned once per connection (persistent: CONN_MAX_AGE) and run
by name with its parameters.

Prepared statements belong to a server session, so a connection pooler in
transaction mode (PgBouncer before 1.21) between Django and PostgreSQL would
break them; the portal connects directly (docs/decisions.md).
"""

import functools
import re

from django.db import connection


def execute(cursor, statement, params):
    """Run a contests.sql.Prepared statement (PREPARE name (types) AS text; $1, $2, … in it) with params."""
    name = statement.name
    raw = connection.connection
    state = getattr(connection, "_contests_prepared", None)
    if state is None or state[0] is not raw:
        # A new server session (first use, or Django reconnected): nothing prepared on it yet.
        state = (raw, set())
        connection._contests_prepared = state
    if name not in state[1]:
        # Outside any transaction's fate: a PREPARE stays even if the transaction rolls back.
        cursor.execute(f"PREPARE {name} ({', '.join(statement.types)}) AS {statement.text}")
        state[1].add(name)
    cursor.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)


@functools.cache
def _numbered(statement):
    """A statement written with %s placeholders, as PREPARE wants it ($1, $2, …)."""
    count = iter(range(1, 1000))
    return statement._replace(text=re.sub(r"%s", lambda _: f"${next(count)}", statement.text))


def run(cursor, statement, params):
    """Run a contests.sql.Prepared statement written with %s placeholders: prepared on PostgreSQL,
    as it is elsewhere."""
    if connection.vendor == "postgresql":
        execute(cursor, _numbered(statement), params)
    else:
        cursor.execute(statement.text, params)
