from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserChangeForm,
)
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.accounts.models import User
from gen.accounts.permissions import is_national_team
from gen.notifications.services import email_enqueue_rendered


class LoginForm(DsfrBaseForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Incorrect e-mail address or password. Passwords are case-sensitive."),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An e-mail keyboard on phones; "username" lets password managers fill the field.
        self.fields["username"].widget.input_type = "email"
        self.fields["password"].label = _("Password")


class PasswordResetRequestForm(DsfrBaseForm, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _("The address you log in with. Format: name@example.org")

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Through the outbox, like every e-mail (the worker sends it), with a link to SITE_URL whatever
        host the request came in by."""
        site = urlsplit(settings.SITE_URL)
        context = {**context, "protocol": site.scheme, "domain": site.netloc}
        subject = " ".join(render_to_string(subject_template_name, context).split())
        body = render_to_string(email_template_name, context)
        email_enqueue_rendered(to=to_email, subject=subject, body=body, kind="accounts.password_reset")


class SetNewPasswordForm(DsfrBaseForm, SetPasswordForm):
    pass


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's own login page lets the national team in, whatever their staff flag."""

    def confirm_login_allowed(self, user) -> None:
        AuthenticationForm.confirm_login_allowed(self, user)
        if not is_national_team(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class UserAdminCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")


class UserAdminChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes: dict = {}
