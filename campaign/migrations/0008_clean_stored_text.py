"""Rich text stored raw before issue 11 is cleaned with nh3; names and comments are normalised."""

from django.db import migrations

from campaign.fields import clean_stored_rows


def clean(apps, schema_editor):
    clean_stored_rows(apps, "campaign")


class Migration(migrations.Migration):

    dependencies = [
        ("campaign", "0007_clean_text_fields"),
    ]

    operations = [
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
