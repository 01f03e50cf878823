"""An index on the captcha table's expiration.

django-simple-captcha deletes the expired challenges on every check (each
registration and each start); without an index that DELETE reads the whole
table, which holds one row per challenge shown in the last 10 minutes: tens of
thousands in a busy week of the quiz. The library's model has no such index,
so it is added here, in SQL that PostgreSQL and SQLite both accept.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("captcha", "0002_alter_captchastore_id"),
        ("contests", "0002_beat_schedule"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS contests_captcha_expiration ON captcha_captchastore (expiration)",
            reverse_sql="DROP INDEX IF EXISTS contests_captcha_expiration",
        ),
    ]
