"""contests.prepared: a statement is prepared once per PostgreSQL session, again after a reconnect."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contests import selectors, services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def prepares(call):
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return sum(1 for query in captured.captured_queries if query["sql"].startswith("PREPARE")), result


def test_prepared_once_per_session_and_again_after_a_reconnect(open_round, an):
    attempt = services.attempt_start(round=open_round, participant=an)
    read = lambda: selectors.attempt_for_answers(key=attempt.key)  # noqa: E731
    count, first = prepares(read)
    assert count in (0, 1)  # 0 if an earlier test of this session prepared it
    assert prepares(read) == (0, first)
    connection.close()  # as Django does when a connection fails its health check or reaches CONN_MAX_AGE
    count, again = prepares(read)
    assert count == 1 and again[0].pk == first[0].pk and again[2] == first[2]
