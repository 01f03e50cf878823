"""Attempt items updated in place (HOT) on PostgreSQL: no index on the columns that autosave
and submit write, and room on each page for the new row versions (fillfactor 70).
See AttemptQuestion's docstring."""

import django.db.models.deletion
from django.db import migrations, models


def fillfactor(value):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE contests_attemptquestion SET (fillfactor = {value})")

    return apply


class Migration(migrations.Migration):

    dependencies = [
        ('contests', '0003_captcha_expiration_index'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='attemptquestion',
            name='attempt_item_question_correct',
        ),
        migrations.AlterField(
            model_name='attemptquestion',
            name='attempt',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='items', to='contests.attempt', verbose_name='lượt thi'),
        ),
        migrations.AlterField(
            model_name='attemptquestion',
            name='chosen',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contests.choice', verbose_name='phương án đã chọn'),
        ),
        migrations.RunPython(fillfactor(70), fillfactor(100)),
    ]
