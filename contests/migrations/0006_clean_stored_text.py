"""Contest rules are cleaned with nh3, names normalised, and phone numbers typed with
full-width or other non-ASCII digits (and CCCD numbers) stored as 0–9 (issue 11).

A phone whose ASCII form another participant of the same contest already has
is left as it is: two registrations are not merged behind staff's back."""

import re

from django.db import migrations

from campaign.fields import clean_stored_rows
from campaign.text import ascii_digits


def clean(apps, schema_editor):
    clean_stored_rows(apps, "contests")
    Participant = apps.get_model("contests", "Participant")
    for participant in Participant.objects.only("pk", "contest_id", "phone", "id_number").iterator(chunk_size=500):
        if re.fullmatch(r"[0-9]*", participant.phone + participant.id_number):
            continue
        phone = ascii_digits(participant.phone)
        Participant.objects.filter(pk=participant.pk).update(id_number=ascii_digits(participant.id_number))
        if not Participant.objects.filter(contest_id=participant.contest_id, phone=phone).exists():
            Participant.objects.filter(pk=participant.pk).update(phone=phone)


class Migration(migrations.Migration):

    dependencies = [
        ("contests", "0005_clean_text_fields"),
    ]

    operations = [
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
