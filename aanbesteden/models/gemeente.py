import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL, Functie

# The design tokens a gemeente may set, with the Utrecht token each one feeds.
# Only colours for now; a value must be a hex colour, so no CSS can be injected.
DESIGN_TOKENS = {
    "primary": (
        _("Main colour (buttons, links)"),
        [
            "--utrecht-button-primary-action-background-color",
            "--utrecht-link-color",
            "--ma-primary-color",
        ],
    ),
    "primary_hover": (
        _("Main colour when hovered"),
        ["--utrecht-button-primary-action-hover-background-color", "--utrecht-link-hover-color"],
    ),
    "header_background": (_("Page header background"), ["--ma-header-background-color"]),
    "header_text": (_("Page header text"), ["--ma-header-color"]),
}
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_design_tokens(value):
    if not isinstance(value, dict):
        raise ValidationError(_("Design tokens must be a set of names and colours."))
    for key, colour in value.items():
        if key not in DESIGN_TOKENS:
            raise ValidationError(_("Unknown design token: %(key)s"), params={"key": key})
        if not isinstance(colour, str) or not HEX_COLOUR.match(colour):
            raise ValidationError(_("%(key)s must be a colour like #1a2b3c."), params={"key": key})


class Gemeente(models.Model):
    """A municipality: the tenant. Its settings hold the numbers that differ per gemeente.

    Defaults follow ../shared/DOMAIN.md ("Rules of the game").
    """

    naam = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in web addresses"), unique=True)
    logo = models.ImageField(_("logo"), upload_to="gemeenten/logo/", blank=True)
    design_tokens = models.JSONField(
        _("design tokens"), default=dict, blank=True, validators=[validate_design_tokens]
    )
    # Subsidy accountability tiers (Awb title 4.2): settled directly up to the
    # first amount, a report on results up to the second, above it results
    # plus costs with an accountant's statement.
    subsidie_direct_tot = models.DecimalField(
        _("subsidy settled directly up to (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("5000"),
    )
    subsidie_resultaat_tot = models.DecimalField(
        _("subsidy with report on results up to (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("125000"),
    )
    # Issue 14: the term within which a subsidy application is decided (Awb art. 4:13: a
    # reasonable term, at most eight weeks when the bylaw names none), from the closing of
    # the application period.
    subsidie_beslistermijn_weken = models.PositiveSmallIntegerField(
        _("decision term for a subsidy application (weeks)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    sroi_percentage = models.DecimalField(
        _("social return percentage"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    sroi_drempel = models.DecimalField(
        _("social return applies from contract value (EUR)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("250000"),
    )
    minimale_contractduur_maanden = models.PositiveSmallIntegerField(
        _("minimum contract duration (months)"), default=24
    )
    # Issue 13, rule 18: a municipal rule, stricter than the law; checked against every
    # bid deadline (outline and elaborated bids).
    nvi_minimum_dagen_eu = models.PositiveSmallIntegerField(
        _("municipal rule: last Q&A at least this many days before each bid deadline (EU)"),
        default=10,
        help_text=_(
            "Your municipality's own rule. The legal minimum in EU procedures is 6 days, "
            "4 when accelerated (directive 2014/24 art. 47(3))."
        ),
    )
    nvi_minimum_dagen_nationaal = models.PositiveSmallIntegerField(
        _("municipal rule: last Q&A at least this many days before each bid deadline (national)"),
        default=6,
        help_text=_(
            "Your municipality's own rule. The law sets no minimum for national and private "
            "procedures."
        ),
    )
    penvoerder_max_aandeel = models.PositiveSmallIntegerField(
        _("flag a lead partner above this share of the budget (%)"),
        default=60,
        validators=[MaxValueValidator(100)],
    )
    # The complaints desk (klachtenmeldpunt aanbesteden), printed in every award letter:
    # a procurement's award cannot be sent while either is empty (issue 13, point 12).
    # Empty in the database too (`db_default`), so rows written without them stay valid.
    klachtenmeldpunt_adres = models.TextField(
        _("complaints desk for procurements: postal address"),
        blank=True,
        max_length=TEKST_KORT,
        db_default="",
    )
    klachtenmeldpunt_email = models.EmailField(
        _("complaints desk for procurements: e-mail address"), blank=True, db_default=""
    )
    # Issue 14, point 3: the right to challenge as the gemeente's participation bylaw sets it
    # (VNG modelverordening: a decision within 8 weeks of receipt; see docs/decisions.md).
    uitdaging_beslistermijn_weken = models.PositiveSmallIntegerField(
        _("right to challenge: the municipality decides within (weeks)"),
        default=8,
        db_default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("From your participation bylaw. Shown on the right-to-challenge page."),
    )
    uitdaging_criteria = models.TextField(
        _("right to challenge: the criteria the municipality uses"),
        blank=True,
        db_default="",
        max_length=TEKST_MIDDEL,
        help_text=_(
            "From your participation bylaw: how the municipality judges a proposal. Shown on "
            "the right-to-challenge page."
        ),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subsidie_direct_tot__lte=models.F("subsidie_resultaat_tot")),
                name="gemeente_subsidie_tiers_ordered",
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        if (
            self.subsidie_direct_tot is not None
            and self.subsidie_resultaat_tot is not None
            and self.subsidie_direct_tot > self.subsidie_resultaat_tot
        ):
            raise ValidationError(
                {"subsidie_resultaat_tot": _("This must be at least the first tier.")}
            )

    @property
    def heeft_klachtenmeldpunt(self) -> bool:
        """Whether the complaints desk's address and e-mail are both filled in."""
        return bool(self.klachtenmeldpunt_adres.strip() and self.klachtenmeldpunt_email.strip())

    def css_variables(self):
        """The gemeente's tokens as (CSS custom property, colour) pairs."""
        pairs = []
        for key, colour in sorted((self.design_tokens or {}).items()):
            if key in DESIGN_TOKENS and isinstance(colour, str) and HEX_COLOUR.match(colour):
                pairs.extend((prop, colour) for prop in DESIGN_TOKENS[key][1])
        return pairs


class Medewerker(models.Model):
    """An officer of a gemeente: policy, purchasing or legal. They see the gemeente's work."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medewerkerschappen"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="medewerkers")
    functie = models.CharField(
        _("function"), max_length=20, choices=Functie.choices, default=Functie.BELEID
    )

    class Meta:
        verbose_name = _("municipal officer")
        verbose_name_plural = _("municipal officers")
        constraints = [
            models.UniqueConstraint(fields=["user", "gemeente"], name="medewerker_uniek"),
        ]

    def __str__(self):
        return f"{self.user} ({self.gemeente}, {self.get_functie_display()})"
