from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import NotificatieVoorkeur


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_platformbeheerder", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person on the platform; the e-mail address is the login.

    Roles do not live here but in the rows that give them: Medewerker (officer
    of a gemeente), Lidmaatschap (member of an organisation), Commissielid
    (committee member of a trajectory). Only the platform administrator is a
    flag, because it belongs to no tenant.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    naam = models.CharField(_("name"), max_length=200, blank=True)
    is_platformbeheerder = models.BooleanField(
        _("platform administrator"),
        default=False,
        help_text=_("Manages municipalities and accounts. Never sees sealed bids."),
    )
    notificatie_voorkeur = models.CharField(
        _("how you receive notifications"),
        max_length=10,
        choices=NotificatieVoorkeur.choices,
        default=NotificatieVoorkeur.EMAIL,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.naam or self.email

    def get_full_name(self):
        return self.naam or self.email

    def get_short_name(self):
        return self.naam or self.email
