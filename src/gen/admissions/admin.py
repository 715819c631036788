"""The national team opens admission campaigns here and can look into applications and offers."""

from django.contrib import admin

from gen.admissions.models import AdmissionRound, Application, Campaign, CampaignSession, Offer
from gen.core.admin import ReadOnlyAdmin


class CampaignSessionInline(admin.TabularInline):
    model = CampaignSession
    extra = 0
    autocomplete_fields = ["session"]
    readonly_fields = ["places", "admitted", "cutoff_position"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "wishes_close_on", "max_wishes"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CampaignSessionInline]


@admin.register(AdmissionRound)
class AdmissionRoundAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "ran_at", "candidates", "placed", "placed_first_wish"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "session", "state", "rank", "call_position", "created_at"]
    list_filter = ["state"]
    list_select_related = ["candidate__user", "session__course"]
    search_fields = ["candidate__user__email", "candidate__user__last_name"]
    # Motivation is personal: the admin lists applications, it does not display what people wrote.
    exclude = ["motivation", "availability"]


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["application", "state", "sent_at", "deadline"]
    list_filter = ["state"]
    list_select_related = ["application__candidate__user", "application__session__course"]
