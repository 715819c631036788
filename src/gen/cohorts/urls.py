"""The cohort pages of training organisations (/cohortes/…)."""

from django.urls import path

from gen.cohorts.views import attendance, board, cohort, learner

app_name = "cohorts"

urlpatterns = [
    path("", board.board, name="board"),
    path("<int:pk>/", cohort.cohort, name="cohort"),
    path("<int:pk>/presences/", attendance.attendance, name="attendance"),
    path("<int:pk>/presences.csv", cohort.attendance_csv, name="attendance_csv"),
    path("apprenants/<int:pk>/", learner.learner, name="learner"),
]
