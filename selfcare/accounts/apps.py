from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "selfcare.accounts"
    label = "accounts"

    def ready(self) -> None:
        from selfcare.accounts.forms import EmailFollowupsForm, TimeZoneForm
        from selfcare.accounts.sections import Section, register

        register(Section("time_zone", "accounts/settings_time_zone.html", order=10, form=TimeZoneForm))
        register(Section("email", "accounts/settings_email.html", order=30, form=EmailFollowupsForm))
        register(Section("account", "accounts/settings_account.html", order=50))
