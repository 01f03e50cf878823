"""Progress-report photos move from the public MEDIA_ROOT to PRIVATE_MEDIA_ROOT.

Each file is moved (so its old /media/reports/... address answers 404) under a
name the portal makes, if it still had the uploader's; the row follows.
Backwards, the files go back to MEDIA_ROOT under their new names.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import campaign.models
import campaign.storage
from campaign.images import PHOTO_NAME, new_photo_name


def _move(source_root, target_root, name, new_name):
    source, target = Path(source_root) / name, Path(target_root) / new_name
    if not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(source, target)
    return True


def to_private(apps, schema_editor):
    ReportPhoto = apps.get_model("campaign", "ReportPhoto")
    for photo in ReportPhoto.objects.all():
        stem = new_photo_name().removesuffix(".jpg")
        changes = {}
        for field, suffix in (("image", ""), ("thumbnail", "-nho")):
            name = getattr(photo, field).name
            if not name:
                continue
            base = name.rsplit("/", 1)[-1]
            new_name = name if PHOTO_NAME.fullmatch(base) else f"reports/{photo.report_id}/{stem}{suffix}.jpg"
            if _move(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, name, new_name):
                changes[field] = new_name
        if changes:
            ReportPhoto.objects.filter(pk=photo.pk).update(**changes)


def to_public(apps, schema_editor):
    ReportPhoto = apps.get_model("campaign", "ReportPhoto")
    for photo in ReportPhoto.objects.all():
        for field in ("image", "thumbnail"):
            name = getattr(photo, field).name
            if name:
                _move(settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT, name, name)


class Migration(migrations.Migration):

    dependencies = [
        ('campaign', '0008_clean_stored_text'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reportphoto',
            name='image',
            field=models.ImageField(storage=campaign.storage.get_private_storage, upload_to=campaign.models.report_photo_path, verbose_name='ảnh'),
        ),
        migrations.AlterField(
            model_name='reportphoto',
            name='thumbnail',
            field=models.ImageField(storage=campaign.storage.get_private_storage, upload_to=campaign.models.report_photo_path, verbose_name='ảnh thu nhỏ'),
        ),
        migrations.RunPython(to_private, to_public),
    ]
