"""On PostgreSQL the text search is answered from the GIN indexes, not by scanning every course."""

import pytest
from django.db import connection, transaction

from gen.catalogue.models import Course, SearchWord
from gen.catalogue.selectors import matching_text
from tests.factories import CourseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # The test tables are tiny, where a scan is cheapest; forbid it to see which index matches.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_text_search_uses_the_full_text_index_and_typos_the_trigram_index_of_words():
    if connection.vendor != "postgresql":
        pytest.skip("the search indexes exist on PostgreSQL only")
    CourseFactory(title="Développeur web")

    assert "course_search_vector_idx" in explain(matching_text(Course.objects.all(), "développeur web"))
    # A typo is corrected against the catalogue's words, through their trigram index.
    closest = SearchWord.objects.filter(word__trigram_similar="devloppeur").order_by()
    assert "search_word_trgm_idx" in explain(closest)
    # bench/catalogue_search.py prints the plan of whole searches on the stress data.
