from django.urls import path

from gen.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.search, name="search"),
    path("carte/", views.course_map, name="map"),
    path("<slug:slug>/", views.course_detail, name="course"),
]
