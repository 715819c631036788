from django.contrib import admin

from gen.funding.models import Funder


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region")
    list_filter = ("kind", "region")
    search_fields = ("name",)
    list_select_related = ("region",)
    autocomplete_fields = ("region",)
