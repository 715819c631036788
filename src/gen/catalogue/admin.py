from django.contrib import admin

from gen.catalogue.models import Course, Job, JobTitle, SearchWord, Session
from gen.catalogue.services import course_refresh_search_text, courses_refresh_listing
from gen.labelling.models import Label


class JobTitleInline(admin.TabularInline):
    model = JobTitle
    extra = 0
    fields = ("ogr_code", "title", "short_title")


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "ogr_code")
    search_fields = ("code", "title", "search_title")
    inlines = [JobTitleInline]


@admin.register(JobTitle)
class JobTitleAdmin(admin.ModelAdmin):
    list_display = ("title", "job", "ogr_code")
    search_fields = ("title", "search_title", "=ogr_code", "job__code")
    list_select_related = ("job",)
    autocomplete_fields = ("job",)


class RefreshesCourseListing:
    """For admins of sessions and labels: what the catalogue lists follows every change."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        courses_refresh_listing(Course.objects.filter(pk=obj.course_id))

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        courses_refresh_listing(Course.objects.filter(pk=obj.course_id))

    def delete_queryset(self, request, queryset) -> None:
        course_ids = list(queryset.values_list("course_id", flat=True))
        super().delete_queryset(request, queryset)
        courses_refresh_listing(Course.objects.filter(pk__in=course_ids))


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("name", "start_date", "end_date", "capacity", "application_opens_on", "application_closes_on")


class LabelInline(admin.TabularInline):
    model = Label
    extra = 0
    fields = ("status", "valid_from", "valid_until", "status_reason")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "commune", "modality", "is_free", "updated_at")
    list_filter = ("modality", "is_free", "commune__departement__region")
    search_fields = ("title", "slug", "organisation__name", "commune__name", "rncp_code")
    list_select_related = ("organisation", "commune")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organisation", "commune", "jobs")
    inlines = [SessionInline, LabelInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # The search text depends on the métiers, the listing on the inline sessions and labels:
        # both are saved only now.
        course_refresh_search_text(form.instance)
        courses_refresh_listing(Course.objects.filter(pk=form.instance.pk))


@admin.register(Session)
class SessionAdmin(RefreshesCourseListing, admin.ModelAdmin):
    list_display = ("__str__", "start_date", "end_date", "capacity", "places_taken")
    list_filter = ("course__modality", "course__commune__departement__region")
    search_fields = ("name", "course__title", "course__organisation__name")
    list_select_related = ("course",)
    autocomplete_fields = ("course",)
    date_hierarchy = "start_date"
    readonly_fields = ("places_taken",)


@admin.register(SearchWord)
class SearchWordAdmin(admin.ModelAdmin):
    """The catalogue's words, kept by the search-text refresh, against which typos are corrected."""

    search_fields = ("word",)
