import csv
import io
import lzma
import shutil
import struct

import pytest
from django.core.management import CommandError, call_command

from gen.catalogue.models import Job
from gen.organisations.models import Organisation
from gen.territories.importers import (
    ReferenceDataError,
    load_territories,
    name_with_article,
    parse_ewkb_point,
)
from gen.territories.models import Commune, Departement, PostalCode, Region
from tests.conftest import REFERENCE_SAMPLES
from tests.factories import OrganisationFactory

SAMPLE_COMMUNES = 62  # rows of type COM in tests/fixtures/reference/communes.csv
SAMPLE_POSTCODES = 167  # distinct (postcode, commune) pairs once arrondissements go to their commune
LENS_HEX = "0101000000B75D68AED3A806404FCE50DCF1364940"


def run(data_dir=REFERENCE_SAMPLES) -> str:
    out = io.StringIO()
    call_command("load_territories", data_dir=data_dir, stdout=out)
    return out.getvalue()


def edit_communes(tmp_path, edit) -> None:
    """Copy the samples to tmp_path, with `edit(row)` applied to every row of communes.csv."""
    for source in REFERENCE_SAMPLES.glob("*.csv"):
        shutil.copy(source, tmp_path / source.name)
    with (REFERENCE_SAMPLES / "communes.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        fieldnames, rows = reader.fieldnames, list(reader)
    with (tmp_path / "communes.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            edit(row)
            writer.writerow(row)


def clear_territories() -> None:
    PostalCode.objects.all().delete()
    Commune.objects.all().delete()
    Departement.objects.all().delete()
    Region.objects.all().delete()


class TestEwkbPoint:
    def test_plain_wkb_point_is_longitude_then_latitude(self):
        latitude, longitude = parse_ewkb_point(LENS_HEX)
        assert latitude == pytest.approx(50.4293, abs=1e-3)
        assert longitude == pytest.approx(2.8324, abs=1e-3)

    def test_ewkb_point_with_srid_4326(self):
        with_srid = "0101000020E6100000" + LENS_HEX[10:]
        assert parse_ewkb_point(with_srid) == parse_ewkb_point(LENS_HEX)

    def test_big_endian_point(self):
        big_endian = (b"\x00" + struct.pack(">I", 1) + struct.pack(">dd", 2.83, 50.43)).hex()
        assert parse_ewkb_point(big_endian) == (50.43, 2.83)

    @pytest.mark.parametrize("value", ["", "\\N", "0101000000000000000000F87F000000000000F87F"])
    def test_empty_null_and_point_empty_mean_no_location(self, value):
        assert parse_ewkb_point(value) is None

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("01010000ZZ", "not hexadecimal"),
            ("0101000020E7100000" + LENS_HEX[10:], "SRID 4327"),
            ("0102000000" + LENS_HEX[10:], "not a 2D point"),
            (LENS_HEX[:-2], "16 bytes"),
            ("0101000000" + struct.pack("<dd", 2.83, 150.0).hex(), "out of range"),
        ],
    )
    def test_invalid_values_are_refused(self, value, message):
        with pytest.raises(ReferenceDataError, match=message):
            parse_ewkb_point(value)


@pytest.mark.django_db
class TestLoadTerritories:
    def test_empty_database_gets_every_sample_row_added(self):
        clear_territories()

        changes = {change.kind: change for change in load_territories(REFERENCE_SAMPLES)}

        assert (changes["regions"].added, changes["départements"].added) == (18, 101)
        assert (changes["communes"].added, changes["postcodes"].added) == (SAMPLE_COMMUNES, SAMPLE_POSTCODES)
        assert Region.objects.count() == 18
        assert Departement.objects.count() == 101
        assert Commune.objects.count() == SAMPLE_COMMUNES
        assert PostalCode.objects.count() == SAMPLE_POSTCODES

    def test_second_run_changes_nothing(self):
        clear_territories()
        first = run()
        second = run()

        assert "communes: 62 added, 0 changed, 0 unchanged, 0 removed" in first
        assert "regions: 0 added, 0 changed, 18 unchanged, 0 removed" in second
        assert "départements: 0 added, 0 changed, 101 unchanged, 0 removed" in second
        assert "communes: 0 added, 0 changed, 62 unchanged, 0 removed" in second
        assert "postcodes: 0 added, 0 changed, 167 unchanged, 0 removed" in second

    def test_compressed_files_are_read_like_plain_ones(self, tmp_path):
        for source in REFERENCE_SAMPLES.glob("*.csv"):
            (tmp_path / f"{source.name}.lzma").write_bytes(lzma.compress(source.read_bytes()))

        output = run(tmp_path)

        assert "communes: 0 added, 0 changed, 62 unchanged, 0 removed" in output

    def test_changed_row_is_reported_and_restored(self):
        Commune.objects.filter(insee_code="59350").update(population=1, name="Lile")

        output = run()

        assert "communes: 0 added, 1 changed, 61 unchanged, 0 removed" in output
        lille = Commune.objects.get(insee_code="59350")
        assert (lille.name, lille.search_name, lille.population) == ("Lille", "lille", 232787)

    def test_commune_no_longer_in_source_is_removed_when_nothing_references_it(self):
        gone = Commune.objects.create(
            insee_code="62999",
            name="Disparue",
            search_name="disparue",
            departement=Departement.objects.get(code="62"),
        )
        PostalCode.objects.create(code="62999", commune=gone)

        output = run()

        assert "communes: 0 added, 0 changed, 62 unchanged, 1 removed" in output
        assert "postcodes: 0 added, 0 changed, 167 unchanged, 1 removed" in output
        assert not Commune.objects.filter(insee_code="62999").exists()

    def test_commune_no_longer_in_source_is_kept_while_referenced(self):
        gone = Commune.objects.create(
            insee_code="62999",
            name="Disparue",
            search_name="disparue",
            departement=Departement.objects.get(code="62"),
        )
        OrganisationFactory(commune=gone)

        output = run()

        assert "communes: 0 added, 0 changed, 62 unchanged, 0 removed, 1 kept" in output
        assert Organisation.objects.get().commune == Commune.objects.get(insee_code="62999")

    def test_invalid_location_names_the_commune_and_loads_nothing(self, tmp_path):
        def edit(row):
            if row["code"] == "59350":
                row["nom"] = "Lille renamed"
            if row["code"] == "62498":
                row["mairie_localisation"] = "0101000000NOTHEX"

        edit_communes(tmp_path, edit)
        Commune.objects.filter(insee_code="59512").delete()

        with pytest.raises(
            CommandError, match=r"Nothing loaded: communes\.csv, line \d+ \(commune 62498 Lens\)"
        ):
            run(tmp_path)

        assert Commune.objects.get(insee_code="59350").name == "Lille"
        assert not Commune.objects.filter(insee_code="59512").exists()

    def test_error_line_is_the_line_where_the_row_starts(self, tmp_path):
        def edit(row):
            if row["code"] == "62498":
                row["mairie_localisation"] = "zz"

        edit_communes(tmp_path, edit)
        lines = (tmp_path / "communes.csv").read_text(encoding="utf-8").splitlines()
        lens_line = next(
            number for number, line in enumerate(lines, start=1) if line.startswith("24002,62498,")
        )

        with pytest.raises(
            ReferenceDataError, match=rf"communes\.csv, line {lens_line} \(commune 62498 Lens\)"
        ):
            load_territories(tmp_path)

    def test_missing_file_is_reported(self, tmp_path):
        shutil.copy(REFERENCE_SAMPLES / "departements.csv", tmp_path)

        with pytest.raises(CommandError, match=r"communes\.csv\.lzma or communes\.csv not found"):
            run(tmp_path)


@pytest.mark.django_db
class TestLoadedSample:
    """What the session-wide reference samples (tests/conftest.py) hold."""

    def test_only_communes_of_type_com_are_loaded(self):
        assert Commune.objects.count() == SAMPLE_COMMUNES
        # Arrondissements (ARM), delegated and associated communes (COMD, COMA), sectors (SRM).
        assert not Commune.objects.filter(
            insee_code__in=["75101", "13201", "69381", "01015", "01120"]
        ).exists()
        assert not Commune.objects.filter(insee_code__startswith="13055S").exists()

    def test_postcodes_of_arrondissements_go_to_their_commune(self):
        paris = Commune.objects.get(insee_code="75056")
        assert PostalCode.objects.get(code="75001").commune == paris
        assert sorted(paris.postal_codes.values_list("code", flat=True)) == [
            f"750{n:02d}" for n in range(1, 21)
        ] + ["75116"]
        assert PostalCode.objects.get(code="13001").commune.insee_code == "13055"
        assert PostalCode.objects.get(code="69001").commune.insee_code == "69123"

    def test_lens_has_its_town_hall_location(self):
        lens = Commune.objects.select_related("departement__region").get(insee_code="62498")
        assert (lens.name, lens.search_name, lens.departement.code) == ("Lens", "lens", "62")
        assert lens.departement.region.slug == "hauts-de-france"
        assert (lens.latitude, lens.longitude) == (
            pytest.approx(50.43, abs=0.01),
            pytest.approx(2.83, abs=0.01),
        )
        assert list(lens.postal_codes.values_list("code", flat=True)) == ["62300"]

    def test_paris_is_located_by_its_arrondissements_town_halls(self):
        paris = Commune.objects.get(insee_code="75056")
        assert (paris.latitude, paris.longitude) == (
            pytest.approx(48.86, abs=0.03),
            pytest.approx(2.34, abs=0.03),
        )

    def test_commune_without_any_location_nor_population(self):
        hauts_talican = Commune.objects.get(insee_code="60694")
        assert not hauts_talican.has_location
        assert hauts_talican.population == 0

    def test_homonyms_are_distinct_communes(self):
        saint_denis = Commune.objects.filter(search_name="saint denis").order_by("insee_code")
        assert [(c.insee_code, c.departement.code) for c in saint_denis] == [
            ("93066", "93"),
            ("97411", "974"),
        ]

    def test_search_name_is_normalized(self):
        assert Commune.objects.get(insee_code="59378").search_name == "marcq en baroeul"
        assert Commune.objects.get(insee_code="62510").search_name == "lievin"

    def test_every_region_has_its_three_most_populous_communes(self):
        for region in Region.objects.all():
            assert Commune.objects.filter(departement__region=region).count() >= 3, region.name


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run_number", [1, 2])
def test_reference_data_is_there_again_after_a_transactional_test_flushed_it(run_number, reference_data):
    # The first run flushes every table when it ends; `reference_data` reloads them for the second.
    assert Region.objects.count() == 18
    assert Commune.objects.count() == SAMPLE_COMMUNES
    assert Job.objects.count() == 111


@pytest.mark.parametrize(
    "name, tncc, expected",
    [
        ("Rochelle", "3", "La Rochelle"),
        ("Mans", "2", "Le Mans"),
        ("Abergement-Clémenciat", "5", "L'Abergement-Clémenciat"),
        ("Lens", "0", "Lens"),
        ("Andelys", "4", "Les Andelys"),
    ],
)
def test_commune_names_get_their_article_back(name, tncc, expected):
    assert name_with_article(name, tncc) == expected
