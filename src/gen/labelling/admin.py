from django.contrib import admin

from gen.catalogue.admin import RefreshesCourseListing
from gen.labelling.models import Label


@admin.register(Label)
class LabelAdmin(RefreshesCourseListing, admin.ModelAdmin):
    list_display = ("course", "status", "valid_from", "valid_until")
    list_filter = ("status", "course__commune__departement__region")
    search_fields = ("course__title", "course__organisation__name")
    list_select_related = ("course",)
    autocomplete_fields = ("course",)
    date_hierarchy = "valid_until"
