"""PostgreSQL indexes for the catalogue search; SQLite searches without them."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from gen.core.migration_helpers import run_on_postgresql

CREATE = [
    "CREATE INDEX IF NOT EXISTS course_search_fts_idx ON catalogue_course "
    "USING gin (to_tsvector('french'::regconfig, COALESCE(search_text, '')))",
    "CREATE INDEX IF NOT EXISTS course_search_trgm_idx ON catalogue_course USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS course_search_fts_idx", "DROP INDEX IF EXISTS course_search_trgm_idx"]


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
