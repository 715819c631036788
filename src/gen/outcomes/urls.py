from django.urls import path

from gen.outcomes.views import organisation, survey

app_name = "outcomes"

urlpatterns = [
    # Learners, without an account: the link e-mailed to them.
    path("suivi/merci/", survey.survey_thanks, name="survey_thanks"),
    path("suivi/metiers/", survey.job_titles, name="job_titles"),
    path("suivi/<str:signed>/", survey.survey, name="survey"),
    # Training organisations.
    path("suivi-sorties/", organisation.sessions, name="sessions"),
    path("suivi-sorties/sessions/<int:pk>/", organisation.session, name="session"),
    path("suivi-sorties/apprenants/<int:pk>/", organisation.learner, name="learner"),
]
