from gen.cohorts.models.attendance import ATTENDED, Attendance, AttendanceStatus, Half
from gen.cohorts.models.enrolments import DropOutReason, Enrolment, EnrolmentTransition
from gen.cohorts.models.internships import AgreementStatus, Internship, InternshipTransition

__all__ = [
    "ATTENDED",
    "AgreementStatus",
    "Attendance",
    "AttendanceStatus",
    "DropOutReason",
    "Enrolment",
    "EnrolmentTransition",
    "Half",
    "Internship",
    "InternshipTransition",
]
