from __future__ import annotations

import datetime
import zoneinfo
from typing import ClassVar

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from selfcare.accounts.timezones import validate_time_zone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        # An operator creating their own account from the shell agrees in doing so.
        now = timezone.now()
        fields.setdefault("consent_version", "operator")
        fields.setdefault("consented_at", now)
        fields.setdefault("age_attested_at", now)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str | None) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person using Thaw. The email address is the login; there is no username."""

    email = models.EmailField("email address", unique=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # What they agreed to at sign-up, and when (SAFETY.md §4.4). Withdrawn by deleting the account.
    consent_version = models.CharField(max_length=32)
    consented_at = models.DateTimeField()
    age_attested_at = models.DateTimeField()
    # Where to find crisis lines first (a region code of checkins/content/crisis_resources.toml).
    # Chosen by the person: no IP geolocation (SAFETY.md §3.1). Blank shows the default list.
    country = models.CharField(max_length=8, blank=True, default="")
    # Off until chosen: a single neutral email when the app has a note for them (SAFETY.md §2.4).
    email_followups = models.BooleanField(default=False)
    # Raised with every save of what Patterns and trends read, so values computed from the old data are
    # never used again (selfcare/core/datacache.py).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_now(self):
        return timezone.now().astimezone(self.zone)

    def local_today(self) -> datetime.date:
        """Today's date in the person's own time zone: what "today" means everywhere in Thaw."""
        return self.local_now().date()


class BrowserSession(AbstractBaseSession):
    """A browser's session (SESSION_ENGINE = selfcare.accounts.sessions), knowing whose it is once signed in.

    Deleting an account deletes every one of its sessions with it, on every device, not only the one
    that asked. Hidden from the person's data summary: it holds nothing they made.
    """

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "browser session"

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, each row marked with the person once they sign in."""

    @classmethod
    def get_model_class(cls):
        return BrowserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session
