import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_runs_on_postgresql_with_persistent_checked_connections(client, settings):
    body = client.get("/healthz").json()
    assert body["database"] == {"ok": True, "engine": "postgresql"}
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    with connection.cursor() as cursor:
        cursor.execute("SHOW TimeZone")
        # Django sets the session time zone to UTC when USE_TZ is on; screens convert to Asia/Ho_Chi_Minh.
        assert cursor.fetchone()[0] == "UTC"
