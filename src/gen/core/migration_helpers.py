"""Helpers for migrations that differ between PostgreSQL and the SQLite used to try the platform."""


def run_on_postgresql(statements: list[str]):
    """A RunPython function executing raw SQL on PostgreSQL only (e.g. GIN indexes SQLite lacks)."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation
