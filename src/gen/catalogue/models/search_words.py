"""The words of the catalogue, to correct typos in searches (PostgreSQL trigram index)."""

from django.db import models


class SearchWord(models.Model):
    word = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
