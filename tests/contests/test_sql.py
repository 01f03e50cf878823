"""contests/sql.py: names from the models, and the path switch."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from contests import sql
from contests.models import Attempt, AttemptQuestion, Choice, Round, RoundResult

STATEMENTS = {
    "attempt_read": lambda: sql.attempt_read_prepared().text,
    "save_answer": lambda: sql.save_answer().text,
    "submit_in_one_statement": lambda: sql.submit_in_one_statement().text,
    "claim": sql.claim,
    "mark": lambda: sql.mark([1, 2]),
    "mark (no answer sent)": lambda: sql.mark([]),
    "score": sql.score,
    "ranking": sql.ranking,
}

# Some columns of each statement, renamed in the models by the test.
COLUMNS = ("submitted_at", "chosen_id", "is_correct", "rank", "key", "contest_id")


def clear_built():
    for value in vars(sql).values():
        if hasattr(value, "cache_clear"):
            value.cache_clear()


@pytest.fixture
def renamed(monkeypatch):
    """Every table of the statements, and the COLUMNS, renamed in the models only."""
    for model in (Attempt, AttemptQuestion, Choice, Round, RoundResult):
        monkeypatch.setattr(model._meta, "db_table", f"renamed_{model._meta.model_name}")
    for model in (Attempt, AttemptQuestion, Choice, Round, RoundResult):
        for field in model._meta.concrete_fields:
            if field.column in COLUMNS:
                monkeypatch.setattr(field, "column", f"renamed_{field.column}")
    clear_built()
    yield
    monkeypatch.undo()
    clear_built()


@pytest.mark.parametrize("name", STATEMENTS)
def test_table_and_column_names_come_from_the_models(renamed, name):
    text = STATEMENTS[name]()
    assert "contests_" not in text
    assert "renamed_" in text
    for column in COLUMNS:
        assert f'"{column}"' not in text, f"{name} names {column} itself"


def test_the_path_follows_the_database_unless_forced(monkeypatch):
    expected = sql.ONE_STATEMENT if connection.vendor == "postgresql" else sql.PORTABLE
    assert sql.path() == expected
    monkeypatch.setattr(sql, "FORCE_PATH", sql.PORTABLE)
    assert sql.path() == sql.PORTABLE
    monkeypatch.setattr(sql, "FORCE_PATH", sql.ONE_STATEMENT)
    if connection.vendor == "postgresql":
        assert sql.path() == sql.ONE_STATEMENT
    else:
        with pytest.raises(ImproperlyConfigured):
            sql.path()
