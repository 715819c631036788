"""The Django admin belongs to the national team: the role, not the staff flag, opens it."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NationalTeamAdminSite(admin.AdminSite):
    site_header = _("GEN Plateforme – administration")
    site_title = _("GEN Plateforme administration")
    index_title = _("National team administration")

    # This module is imported with the settings, before the app registry is ready: nothing here may
    # import a model at module level.
    def has_permission(self, request) -> bool:
        from gen.accounts.permissions import is_national_team

        return request.user.is_active and is_national_team(request.user)

    @property
    def login_form(self):
        from gen.accounts.forms import AdminLoginForm

        return AdminLoginForm


class GenAdminConfig(AdminConfig):
    default_site = "gen.accounts.admin_site.NationalTeamAdminSite"
