import pytest

from gen.catalogue.job_selectors import search_jobs
from gen.catalogue.models import Job, JobTitle


def codes(jobs: list[Job]) -> list[str]:
    return [job.code for job in jobs]


@pytest.mark.django_db
class TestSearchJobs:
    def test_accent_and_case_insensitive(self):
        assert "M1805" in codes(search_jobs("DÉVELOPPEUR"))
        assert codes(search_jobs("développeur")) == codes(search_jobs("developpeur"))

    def test_every_word_must_match_the_same_title(self):
        found = search_jobs("developpeur web")
        assert codes(found) == ["M1855"]  # "Développeur / Développeuse web"; M1805 is "… informatique"
        for job in found:
            titles = [job.search_title, *job.titles.values_list("search_title", flat=True)]
            assert any("developpeur" in title and "web" in title for title in titles), job

    def test_developpeur_finds_the_developer_jobs(self):
        found = search_jobs("developpeur", limit=20)
        # The job sheets titled "Développeur / Développeuse …" come first, by ROME code.
        leading = [job.code for job in found if job.search_title.startswith("developpeur")]
        assert codes(found)[: len(leading)] == leading == sorted(leading)
        assert {"M1805", "M1855", "M1861"} <= set(leading)

    def test_finds_a_job_by_one_of_its_job_titles(self):
        title = JobTitle.objects.get(title="Adjoint / Adjointe d'exploitation informatique")
        assert "adjoint" not in title.job.search_title

        assert codes(search_jobs("adjointe d'exploitation")) == [title.job.code] == ["M1810"]

    def test_job_title_matches_come_first(self):
        Job.objects.create(code="Z0001", title="Zzz", search_title="zzz", ogr_code=990_001)
        JobTitle.objects.create(
            ogr_code=990_002,
            title="Community manager junior",
            short_title="Community manager junior",
            search_title="community manager junior",
            job=Job.objects.get(code="Z0001"),
        )

        found = codes(search_jobs("community manager"))

        assert found[0] == "E1101"  # "Community manager", the job sheet's own title
        assert found.index("E1101") < found.index("Z0001")

    def test_results_are_distinct_and_limited(self):
        found = codes(search_jobs("informatique", limit=5))
        assert len(found) == 5
        assert len(set(found)) == 5
        assert len(codes(search_jobs("informatique", limit=100))) > 5

    @pytest.mark.parametrize("text", ["", "  ", "!?"])
    def test_empty_query_finds_nothing(self, text):
        assert search_jobs(text) == []

    def test_unknown_words_find_nothing(self):
        assert search_jobs("boulanger patissier") == []
