from django.urls import path

from gen.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.search, name="search"),
    path("carte/", views.course_map, name="map"),
    path("communes/", views.commune_suggestions, name="commune_suggestions"),
    path("<slug:slug>/", views.course_detail, name="course"),
    path("<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
]
