from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NationalTeamAdminSite(admin.AdminSite):
    site_header = _("GEN Plateforme – administration")
    site_title = _("GEN Plateforme administration")
    index_title = _("National team administration")

    def has_permission(self, request) -> bool:
        from gen.accounts.permissions import is_national_team  # the app registry is not ready at import

        return request.user.is_active and is_national_team(request.user)


class GenAdminConfig(AdminConfig):
    default_site = "gen.accounts.admin_site.NationalTeamAdminSite"
