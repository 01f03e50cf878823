"""Plans' original documents move from the public MEDIA_ROOT to PRIVATE_MEDIA_ROOT.

A draft plan's original is for staff: its old /media/plans/... address answers
404 afterwards, and campaign:plan_original hands it out after the permission
check. Names stay as they are; backwards, the files go back.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import campaign.storage


def _move_originals(apps, source_root, target_root):
    Plan = apps.get_model("campaign", "Plan")
    for name in Plan.objects.exclude(original_file="").values_list("original_file", flat=True):
        source, target = Path(source_root) / name, Path(target_root) / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


def to_private(apps, schema_editor):
    _move_originals(apps, settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)


def to_public(apps, schema_editor):
    _move_originals(apps, settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT)


class Migration(migrations.Migration):

    dependencies = [
        ('campaign', '0011_plan_issuer_kind_and_book_details'),
    ]

    operations = [
        migrations.AlterField(
            model_name='plan',
            name='original_file',
            field=models.FileField(blank=True, storage=campaign.storage.get_private_storage, upload_to='plans/', verbose_name='văn bản gốc'),
        ),
        migrations.RunPython(to_private, to_public),
    ]
