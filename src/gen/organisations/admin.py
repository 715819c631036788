from django.contrib import admin
from django.db import models

from gen.accounts.models import Membership
from gen.organisations.models import Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "is_admin")
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "siret", "activity_declaration_number", "commune", "created_at")
    list_filter = ("kind", "commune__departement__region")
    search_fields = ("name", "=siret", "=activity_declaration_number")
    list_select_related = ("commune",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("commune",)
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
