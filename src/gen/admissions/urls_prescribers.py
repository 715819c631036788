"""The prescribers' pages, under /prescripteur/ (included by gen.admissions.urls)."""

from django.urls import path

from gen.admissions.views import prescribers

urlpatterns = [
    path("prescripteur/", prescribers.referrals, name="referrals"),
    path("prescripteur/orientations/<int:pk>/", prescribers.referral, name="referral"),
    path("prescripteur/orienter/", prescribers.refer, name="refer"),
    path("prescripteur/orienter/<int:session_pk>/", prescribers.refer_person, name="refer_person"),
]
