"""A session's applicants as a spreadsheet: XLSX, or CSV as French spreadsheets open it (UTF-8 with a
BOM, ';' between cells, decimal commas). Both are built from one query, whatever the number of rows.

Cells a spreadsheet would read as a formula (=, +, -, @…) are prefixed with an apostrophe: a candidate
could otherwise type a formula as their name and have it run on the team's computer.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from gen.admissions.models import Application
from gen.catalogue.models import Session

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _referred_by(application: Application) -> str:
    if application.referrer_organisation is None:
        return ""
    referrer = f"{application.referrer} – " if application.referrer else ""
    return f"{referrer}{application.referrer_organisation.name}"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Application, Session], object]


COLUMNS = [
    Column(gettext_lazy("Last name"), lambda a, s: a.candidate.user.last_name),
    Column(gettext_lazy("First name"), lambda a, s: a.candidate.user.first_name),
    Column(gettext_lazy("E-mail"), lambda a, s: a.candidate.user.email),
    Column(gettext_lazy("Birth date"), lambda a, s: a.candidate.birth_date),
    Column(gettext_lazy("Age at the start of the session"), lambda a, s: a.candidate.age_on(s.start_date)),
    Column(gettext_lazy("Gender"), lambda a, s: a.candidate.get_gender_display()),
    Column(gettext_lazy("Highest diploma"), lambda a, s: a.candidate.get_diploma_level_display()),
    Column(gettext_lazy("Job seeker"), lambda a, s: a.candidate.is_job_seeker),
    Column(gettext_lazy("Lives in a QPV or a ZRR"), lambda a, s: a.candidate.lives_in_qpv_or_zrr),
    Column(gettext_lazy("Scholarship holder"), lambda a, s: a.candidate.is_scholarship_holder),
    Column(gettext_lazy("Town"), lambda a, s: a.candidate.commune.name),
    Column(gettext_lazy("Heard of the course from"), lambda a, s: a.candidate.get_heard_from_display()),
    Column(gettext_lazy("State"), lambda a, s: a.get_state_display()),
    Column(gettext_lazy("Score (out of 20)"), lambda a, s: a.score),
    Column(gettext_lazy("Rank"), lambda a, s: a.rank),
    Column(gettext_lazy("Position in the call order"), lambda a, s: a.call_position),
    Column(gettext_lazy("Offer"), lambda a, s: _offer_state(a)),
    Column(gettext_lazy("Referred by"), lambda a, s: _referred_by(a)),
    Column(gettext_lazy("Received at"), lambda a, s: a.created_at),
]


def _offer_state(application: Application) -> str:
    offer = getattr(application, "offer", None)  # no offer: the reverse one-to-one raises
    return offer.get_state_display() if offer else ""


def rows(session: Session, applications: QuerySet[Application]) -> Iterator[list]:
    """Typed values (text, numbers, dates, booleans, None), one list per application."""
    for application in applications.iterator(chunk_size=500):
        yield [column.value(application, session) for column in COLUMNS]


def headers() -> list[str]:
    return [str(column.header) for column in COLUMNS]


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return number_format(value, use_l10n=True)
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


class _Line:
    """A file-like object the csv writer writes one line into, handed back at once."""

    def write(self, text: str) -> str:
        return text


def csv_lines(session: Session, applications: QuerySet[Application]) -> Iterator[str]:
    """The CSV file, line by line, starting with the BOM that tells spreadsheets it is UTF-8."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([safe_text(header) for header in headers()])
    for values in rows(session, applications):
        yield writer.writerow([csv_cell(value) for value in values])


DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def _xlsx_cells(sheet, values: Iterable) -> list:
    cells = []
    for value in values:
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            # Spreadsheets know no time zones: the time as read in France.
            cell = WriteOnlyCell(sheet, timezone.localtime(value).replace(tzinfo=None))
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = DATE_FORMAT
        elif isinstance(value, str):
            cell = WriteOnlyCell(sheet, safe_text(value))
        else:
            cell = WriteOnlyCell(sheet, value)
        cells.append(cell)
    return cells


def xlsx_bytes(session: Session, applications: QuerySet[Application]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Applicants"))
    sheet.append(_xlsx_cells(sheet, headers()))
    for values in rows(session, applications):
        sheet.append(_xlsx_cells(sheet, values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
