from django.urls import path

from gen.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.jobs_page, name="list"),
    path("executions/<int:pk>/", views.run_page, name="run"),
    path("<slug:name>/", views.job_page, name="job"),
    path("<slug:name>/lancer/", views.job_start_now, name="start"),
]
