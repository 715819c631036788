from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from gen.accounts.forms import UserAdminChangeForm, UserAdminCreationForm
from gen.accounts.models import Membership, User

# Permissions come from roles (memberships), never from groups: hide what would have no effect.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("role", "organisation", "funder", "region", "is_admin")
    autocomplete_fields = ("organisation", "funder", "region")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Status"),
            {
                "fields": ("is_active", "is_staff", "is_superuser"),
                "description": _(
                    "Access to this administration comes from the national-team role below, "
                    "not from these flags. An inactive account can no longer log in."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "first_name", "last_name", "is_active", "date_joined", "last_login")
    list_filter = ("is_active", "memberships__role")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    filter_horizontal = ()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "funder", "region", "is_admin", "created_at")
    list_filter = ("role", "is_admin", "region")
    search_fields = ("user__email", "user__last_name", "organisation__name", "funder__name")
    list_select_related = ("user", "organisation", "funder", "region")
    autocomplete_fields = ("user", "organisation", "funder", "region")
    date_hierarchy = "created_at"
