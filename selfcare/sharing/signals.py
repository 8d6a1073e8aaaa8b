"""Every share link ends when its owner's password changes (or is reset) or the account is deleted."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from selfcare.sharing.models import ShareLink


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="sharing_revoke_on_password_change")
def revoke_on_password_change(sender, instance, created, **kwargs):
    # set_password() keeps the new raw password in _password until save() has run
    # password_changed(); a rehash on login clears it first, so only real changes count.
    if not created and getattr(instance, "_password", None) is not None:
        ShareLink.objects.revoke_all(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="sharing_revoke_on_account_deletion")
def revoke_on_account_deletion(sender, instance, **kwargs):
    # The rows go with the account (CASCADE); revoking first means no request racing the delete can read them.
    ShareLink.objects.revoke_all(instance)
