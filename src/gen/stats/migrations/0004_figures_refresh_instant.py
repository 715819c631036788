# The instant of the last refresh moves from every row of the figures to a single row of its own, so that
# "never counted" and "counted, no session" differ; the instant already published is carried over (and
# back, when unapplied).

from django.db import migrations, models
from django.utils import timezone


def carry_over_instant(apps, schema_editor):
    SessionFigures = apps.get_model("stats", "SessionFigures")
    FiguresRefresh = apps.get_model("stats", "FiguresRefresh")
    instant = SessionFigures.objects.values_list("refreshed_at", flat=True).first()
    if instant is not None:
        FiguresRefresh.objects.create(pk=1, refreshed_at=instant)


def carry_back_instant(apps, schema_editor):
    SessionFigures = apps.get_model("stats", "SessionFigures")
    FiguresRefresh = apps.get_model("stats", "FiguresRefresh")
    instant = FiguresRefresh.objects.values_list("refreshed_at", flat=True).first()
    SessionFigures.objects.update(refreshed_at=instant or timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ("stats", "0003_response_rate_counts_closed_surveys"),
    ]

    operations = [
        migrations.CreateModel(
            name="FiguresRefresh",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ("refreshed_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "statistics refresh",
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="stats_single_refresh")],
            },
        ),
        # Nullable first, so that unapplying can add the column back before filling it.
        migrations.AlterField(
            model_name="sessionfigures",
            name="refreshed_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(carry_over_instant, carry_back_instant),
        migrations.RemoveField(
            model_name="sessionfigures",
            name="refreshed_at",
        ),
    ]
