"""Pages of search results: the count comes with the page, out-of-range pages behave like get_page."""

import pytest

from gen.catalogue.search import CourseSearch
from gen.catalogue.selectors import results_page, search_courses
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_courses():
    return [CourseFactory(title=f"Formation {index}") for index in range(5)]


def test_a_page_and_its_count_in_two_queries(five_courses, django_assert_num_queries):
    courses = search_courses(CourseSearch())

    with django_assert_num_queries(2):  # the page with its count, then its twenty courses in full
        page = results_page(courses, "2", per_page=2)
        assert [course.title for course in page] == ["Formation 2", "Formation 3"]
        assert (page.paginator.count, page.paginator.num_pages, page.number) == (5, 3, 2)
        assert page.has_previous() and page.has_next()
    assert page[0].organisation.name  # fetched with the course
    assert page[0].distance_km is None


@pytest.mark.parametrize("number, expected", [("abc", 1), (None, 1), ("0", 1), ("-3", 1), ("99", 3)])
def test_odd_page_numbers_behave_like_get_page(five_courses, number, expected):
    page = results_page(search_courses(CourseSearch()), number, per_page=2)

    assert page.number == expected
    assert len(page) == (1 if expected == 3 else 2)


def test_no_result_is_one_empty_page():
    page = results_page(search_courses(CourseSearch(text="introuvable")), 1, per_page=20)

    assert (page.paginator.count, page.number, list(page)) == (0, 1, [])
