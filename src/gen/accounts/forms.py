from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class LoginForm(DsfrBaseForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _("E-mail address or password incorrect. Both are case-sensitive."),
        "inactive": _("This account is inactive."),
    }


class PasswordResetRequestForm(DsfrBaseForm, PasswordResetForm):
    pass


class SetNewPasswordForm(DsfrBaseForm, SetPasswordForm):
    pass
