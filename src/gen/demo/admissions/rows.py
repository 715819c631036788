"""`insert`: bulk_create for plain tuples, for the hundreds of thousands of rows of the national demo.

bulk_create builds a model instance per row and compiles every value through its field: on the
admissions tables that costs three times the insertion itself (100,000 log rows: 3.1 s against 0.95 s
on SQLite). Here values are given as the fields hold them (foreign keys as ids), only dates, datetimes
and decimals are adapted, as their fields would, and the fields not given take their default, as in a
new instance (a callable default is called once for all the rows). `auto_now` fields keep the dates
given: the demo's rows date from its past. Batches are those bulk_create would use (on SQLite, 999
parameters).

`copy` does the same through PostgreSQL's COPY when the keys are not needed back: on PostgreSQL a
multi-row INSERT is bound on the client, which costs six times the COPY (935,000 attendance rows:
17.7 s against 2.6 s); on other databases it is `insert`.
"""

from functools import partial
from itertools import chain

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import NOT_PROVIDED

# PostgreSQL's limit when parameters are bound on the server (psycopg binds them on the client by default).
MAX_PARAMETERS = 65_535


def insert(
    model, fields: tuple[str, ...], rows: list[tuple], *, batch_size: int, returning: bool = False
) -> list:
    """Insert `rows` (values of `fields`, in order); return their primary keys, in order, if `returning`."""
    connection = connections[DEFAULT_DB_ALIAS]
    ops = connection.ops
    given = [model._meta.get_field(name) for name in fields]
    defaulted, defaults = _defaults(model, given, connection)
    adapters = [(index, _adapter(field, ops)) for index, field in enumerate(given)]
    adapters = [(index, adapt) for index, adapt in adapters if adapt is not None]
    columns = given + defaulted
    statement = "INSERT INTO {table} ({columns}) VALUES ".format(
        table=ops.quote_name(model._meta.db_table),
        columns=", ".join(ops.quote_name(field.column) for field in columns),
    )
    row_placeholder = f"({', '.join(['%s'] * len(columns))})"
    suffix = f" RETURNING {ops.quote_name(model._meta.pk.column)}" if returning else ""
    size = max(1, min(batch_size, ops.bulk_batch_size(columns, rows), MAX_PARAMETERS // len(columns)))
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = [list(row) for row in rows[start : start + size]]
            for row in batch:
                for index, adapt in adapters:
                    if row[index] is not None:
                        row[index] = adapt(row[index])
                row += defaults
            cursor.execute(
                statement + ", ".join([row_placeholder] * len(batch)) + suffix,
                list(chain.from_iterable(batch)),
            )
            if returning:
                keys += [key for (key,) in cursor.fetchall()]
    return keys


def copy(model, fields: tuple[str, ...], rows: list[tuple], *, batch_size: int) -> None:
    """Insert `rows` as `insert` does (without returning keys), by COPY on PostgreSQL."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        insert(model, fields, rows, batch_size=batch_size)
        return
    given = [model._meta.get_field(name) for name in fields]
    defaulted, defaults = _defaults(model, given, connection)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in given + defaulted)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    # psycopg adapts dates, datetimes and decimals itself.
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copying:
        for row in rows:
            copying.write_row((*row, *defaults))


def _defaults(model, given: list, connection) -> tuple[list, list]:
    """The fields not given (but those the database fills) and the value each takes in a new instance."""
    defaulted = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field not in given and field.db_default is NOT_PROVIDED
    ]
    return defaulted, [field.get_db_prep_save(field.get_default(), connection) for field in defaulted]


def _adapter(field, ops):
    """How the field's `get_db_prep_value` adapts a value of the right type; None: as it is."""
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return partial(
            ops.adapt_decimalfield_value, max_digits=field.max_digits, decimal_places=field.decimal_places
        )
    return None
