# The response rate's denominator is now the surveys closed (answered or expired), not every survey sent:
# the next `gen refresh-stats --apply` counts it again for every session.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("stats", "0002_admission_rate_counts_places_taken"),
    ]

    operations = [
        migrations.RenameField(
            model_name="sessionfigures",
            old_name="surveys_sent_6_months",
            new_name="surveys_closed_6_months",
        ),
    ]
