from django.urls import path

from gen.organisations import views

app_name = "organisations"

urlpatterns = [
    path("<slug:slug>/", views.organisation_space, name="space"),
]
