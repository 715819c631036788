from gen.catalogue.models.courses import Course, Modality, TargetPublic
from gen.catalogue.models.jobs import Job, JobTitle
from gen.catalogue.models.sessions import Session

__all__ = ["Course", "Job", "JobTitle", "Modality", "Session", "TargetPublic"]
