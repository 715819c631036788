"""A visitor searches by word and by distance, opens a course, uses the map; axe finds nothing."""

import datetime

import pytest
from django.utils import timezone

from gen.catalogue.models import Job
from gen.territories.models import Commune
from tests.browser.conftest import axe_violations, describe, screenshot
from tests.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(reference_data):
    lens, lille, lyon = (Commune.objects.get(insee_code=code) for code in ("62498", "59350", "69123"))
    web = Job.objects.get(code="M1855")
    today = timezone.localdate()
    courses = [
        CourseFactory(
            title="Développeur web et mobile", commune=lens, jobs=[web], organisation__name="Pop School Lens"
        ),
        CourseFactory(
            title="Technicien réseaux et cybersécurité", commune=lille, organisation__name="Code Académie"
        ),
        CourseFactory(title="Data analyste", commune=lyon, organisation__name="Pixel Campus"),
    ]
    for course in courses:
        SessionFactory(
            course=course, name="Promotion de printemps", start_date=today + datetime.timedelta(days=45)
        )
    return courses


def test_search_by_word_then_open_the_course(page, catalogue):
    page.goto("/formations/")
    page.get_by_label("Métier, compétence, mot-clé").fill("developpeur")
    page.get_by_role("button", name="Rechercher", exact=True).click()

    results = page.locator("#results")
    results.get_by_text("1 formation trouvée").wait_for()
    assert "Technicien réseaux" not in results.inner_text()
    assert "q=developpeur" in page.url
    screenshot(page, "catalogue-search")

    results.get_by_role("link", name="Développeur web et mobile").click()
    page.get_by_role("heading", level=1, name="Développeur web et mobile").wait_for()
    assert "Promotion de printemps" in page.inner_text("main")
    screenshot(page, "course-page")
    assert not axe_violations(page), describe(axe_violations(page))


def test_search_by_distance_updates_results_without_reloading(page, catalogue):
    page.goto("/formations/")
    page.get_by_label("Commune ou code postal").fill("Lens")
    page.get_by_label("Dans un rayon de").select_option("30")  # htmx swaps the results on change

    page.locator("#results").get_by_text("2 formations trouvées").wait_for()
    text = page.inner_text("#results")
    assert "Data analyste" not in text
    assert text.index("Développeur web") < text.index("Technicien réseaux")  # nearest first
    assert "distance=30" in page.url


def test_bad_input_shows_a_french_message(page, catalogue):
    page.goto("/formations/?lieu=Atlantide&distance=abc")

    alert = page.locator("#search-errors")
    assert "Nous ne trouvons pas la commune « Atlantide »" in alert.inner_text()
    assert "3 formations trouvées" in page.inner_text("#results")


def test_map_shows_markers_without_tiles(page, catalogue):
    page.goto("/formations/carte/?q=developpeur")

    page.wait_for_selector("#course-map[data-ready='1']")
    page.locator(".leaflet-interactive").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Développeur web et mobile" in popup.inner_text()
    screenshot(page, "map")
    assert not axe_violations(page), describe(axe_violations(page))


def test_catalogue_is_accessible_and_usable_on_a_phone(phone_page, catalogue):
    phone_page.goto("/formations/?q=web")
    phone_page.get_by_text("1 formation trouvée").wait_for()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 320px"
    screenshot(phone_page, "catalogue-phone")
    assert not axe_violations(phone_page), describe(axe_violations(phone_page))


def test_home_page_is_accessible(page, catalogue):
    page.goto("/")
    page.get_by_role("heading", level=1).wait_for()
    screenshot(page, "home")
    assert not axe_violations(page), describe(axe_violations(page))


def test_town_field_suggests_communes_while_typing(page, catalogue):
    page.goto("/formations/")
    page.get_by_label("Commune ou code postal").press_sequentially("Len", delay=50)

    page.wait_for_selector("#commune-suggestions option[value='Lens (62)']", state="attached")
    page.get_by_label("Commune ou code postal").fill("Lens (62)")
    page.get_by_label("Dans un rayon de").select_option("10")

    page.locator("#results").get_by_text("1 formation trouvée").wait_for()
    assert "Développeur web et mobile" in page.inner_text("#results")
