"""PostgreSQL covering indexes for the catalogue's filters.

A course row is wide (description, search text and vector); filters on modality or sessions used to
read every row. These indexes answer them from the index alone (index-only scans).
"""

from django.db import migrations

from gen.core.migration_helpers import run_on_postgresql

CREATE = [
    "CREATE INDEX IF NOT EXISTS course_listed_cover_idx ON catalogue_course (id) "
    "INCLUDE (modality, next_session_start, title, latitude, longitude) WHERE is_listed",
    "CREATE INDEX IF NOT EXISTS session_start_cover_idx ON catalogue_session (start_date, course_id) "
    "INCLUDE (places_taken, capacity)",
]
DROP = ["DROP INDEX IF EXISTS course_listed_cover_idx", "DROP INDEX IF EXISTS session_start_cover_idx"]


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_search_vector")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
