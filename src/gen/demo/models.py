"""A record of the demo data in the database, so that a second `gen seed-demo` knows it is there."""

from django.db import models


class DemoDataset(models.Model):
    scale = models.CharField(max_length=20)
    seed = models.IntegerField()
    # The "today" the dates were computed from (sessions of the previous, current and next year).
    reference_date = models.DateField()
    counts = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo dataset"

    def __str__(self) -> str:
        return f"{self.scale} demo (seed {self.seed}, {self.reference_date})"
