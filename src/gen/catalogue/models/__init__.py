from gen.catalogue.models.courses import Course, Modality, TargetPublic
from gen.catalogue.models.jobs import Job, JobTitle
from gen.catalogue.models.search_words import SearchWord
from gen.catalogue.models.sessions import Session

__all__ = ["Course", "Job", "JobTitle", "Modality", "SearchWord", "Session", "TargetPublic"]
