from django.contrib import admin

from gen.catalogue.admin import RefreshesCourseListing
from gen.core.admin import ReadOnlyAdmin
from gen.labelling.models import (
    Attachment,
    CallTransition,
    CoFunding,
    CommitteeDecision,
    Criterion,
    Label,
    LabelApplication,
    LabelApplicationTransition,
    LabellingCall,
    LabelTransition,
    ReviewAssignment,
    Score,
)


class ReadOnlyInline(admin.TabularInline):
    """Logs are written by the services only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CallTransitionInline(ReadOnlyInline):
    model = CallTransition
    fields = readonly_fields = ("at", "from_state", "to_state", "actor", "reason")


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("position", "title", "weight", "description")


@admin.register(LabellingCall)
class LabellingCallAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "opens_at", "deadline", "max_seed_grant_rate")
    list_filter = ("state", "regions")
    search_fields = ("title", "slug")
    readonly_fields = ("state",)
    filter_horizontal = ("regions",)
    inlines = [CriterionInline, CallTransitionInline]


class ApplicationTransitionInline(ReadOnlyInline):
    model = LabelApplicationTransition
    fields = readonly_fields = ("at", "from_state", "to_state", "actor", "reason")


class CoFundingInline(admin.TabularInline):
    model = CoFunding
    extra = 0


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = readonly_fields = ("kind", "original_name", "size", "uploaded_at")


@admin.register(LabelApplication)
class LabelApplicationAdmin(admin.ModelAdmin):
    list_display = ("course", "call", "state", "submitted_at")
    list_filter = ("state", "call")
    search_fields = ("course__title", "course__organisation__name", "call__title")
    list_select_related = ("course", "call")
    autocomplete_fields = ("course", "call")
    readonly_fields = ("state", "submitted_at")
    inlines = [CoFundingInline, AttachmentInline, ApplicationTransitionInline]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    autocomplete_fields = ("criterion",)


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ("application", "reviewer", "assigned_at", "submitted_at")
    list_filter = ("application__call",)
    search_fields = ("application__course__title", "reviewer__email")
    list_select_related = ("application__course", "application__call", "reviewer")
    autocomplete_fields = ("application", "reviewer", "assigned_by")
    inlines = [ScoreInline]


@admin.register(CommitteeDecision)
class CommitteeDecisionAdmin(admin.ModelAdmin):
    list_display = ("application", "outcome", "decided_on")
    list_filter = ("outcome", "application__call")
    search_fields = ("application__course__title",)
    list_select_related = ("application__course", "application__call")
    autocomplete_fields = ("application", "decided_by")


class LabelTransitionInline(ReadOnlyInline):
    model = LabelTransition
    fields = readonly_fields = ("at", "from_state", "to_state", "actor", "reason")


@admin.register(Label)
class LabelAdmin(RefreshesCourseListing, admin.ModelAdmin):
    list_display = ("course", "status", "valid_from", "valid_until")
    list_filter = ("status", "course__commune__departement__region")
    search_fields = ("course__title", "course__organisation__name")
    list_select_related = ("course",)
    autocomplete_fields = ("course", "application")
    date_hierarchy = "valid_until"
    inlines = [LabelTransitionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("title", "call", "position", "weight")
    list_filter = ("call",)
    search_fields = ("title", "call__title")
    autocomplete_fields = ("call",)


@admin.register(CoFunding)
class CoFundingAdmin(admin.ModelAdmin):
    list_display = ("funder_name", "amount", "application")
    search_fields = ("funder_name", "application__course__title")
    autocomplete_fields = ("application",)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "size", "application", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("original_name", "application__course__title")
    autocomplete_fields = ("application",)


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ("criterion", "score", "assignment")
    search_fields = ("criterion__title", "assignment__reviewer__email")
    autocomplete_fields = ("assignment", "criterion")


@admin.register(CallTransition, LabelApplicationTransition, LabelTransition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("subject", "from_state", "to_state", "actor", "at")
    list_filter = ("to_state",)
    search_fields = ("reason", "actor__email")
