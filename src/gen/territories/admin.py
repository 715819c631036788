from django.contrib import admin

from gen.territories.models import Commune, Departement, PostalCode, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "region")
    list_filter = ("region",)
    search_fields = ("name", "code")
    list_select_related = ("region",)


class PostalCodeInline(admin.TabularInline):
    model = PostalCode
    extra = 0


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    """35,000 rows: searched by name or INSEE code, never listed in a select."""

    list_display = ("name", "insee_code", "departement", "population")
    list_filter = ("departement__region",)
    search_fields = ("name", "search_name", "=insee_code")
    list_select_related = ("departement",)
    autocomplete_fields = ("departement",)
    inlines = [PostalCodeInline]
    show_full_result_count = False


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "commune")
    search_fields = ("=code", "commune__name")
    list_select_related = ("commune",)
    autocomplete_fields = ("commune",)
    show_full_result_count = False
