"""Model permissions follow roles: the national team may administer everything in the Django admin."""

from django.contrib.auth.backends import ModelBackend

from gen.accounts.permissions import is_national_team


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return user_obj.is_active and is_national_team(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return user_obj.is_active and is_national_team(user_obj)
