from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_LANG, TEKST_MIDDEL
from trajecten.constants import (
    Bekostiging,
    CommissieMandaat,
    Contractvorm,
    DienstSoort,
    Domein,
    DrempelSoort,
    EisSoort,
    Fase,
    GemeenteRol,
    GesprekVorm,
    Gunningswijze,
    Prijsformule,
    Procedure,
    TeamRol,
    TrajectStatus,
    UitvraagAanleiding,
    Verdeelregel,
    Vorm,
)

MONEY = {"max_digits": 12, "decimal_places": 2}


class Wijk(models.Model):
    """A district or neighbourhood of a gemeente; trajectories and lots name one or more."""

    gemeente = models.ForeignKey(
        "aanbesteden.Gemeente", on_delete=models.CASCADE, related_name="wijken"
    )
    naam = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="wijk_uniek_per_gemeente")
        ]

    def __str__(self):
        return self.naam


class Traject(models.Model):
    """One run of the process for one social task, owned by a gemeente."""

    gemeente = models.ForeignKey(
        "aanbesteden.Gemeente", on_delete=models.PROTECT, related_name="trajecten"
    )
    titel = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectStatus.choices, default=TrajectStatus.CONCEPT
    )
    actieve_fase = models.CharField(
        _("active phase"), max_length=1, choices=Fase.choices, default=Fase.A
    )

    # The task
    opgave = models.TextField(
        _("the social task"),
        blank=True,
        help_text=_("At outcome level: what should be better for people, not which service."),
        max_length=TEKST_LANG,
    )
    wensbeeld = models.TextField(_("desired outcome"), blank=True, max_length=TEKST_LANG)
    wijken = models.ManyToManyField(
        Wijk, blank=True, related_name="trajecten", verbose_name=_("districts")
    )
    domein = models.CharField(_("domain"), max_length=20, choices=Domein.choices, blank=True)

    # Frames
    beleidskaders = models.TextField(_("policy frames"), blank=True, max_length=TEKST_LANG)
    budget = models.DecimalField(
        _("budget (euro)"),
        null=True,
        blank=True,
        help_text=_(
            "Excl. VAT, for the whole contract duration (not per year), without extensions "
            "and options."
        ),
        **MONEY,
    )
    geen_budgetplafond = models.BooleanField(_("deliberately no budget cap"), default=False)
    # Issue 13, rule 15: the value over the whole term, with options and extensions.
    verlenging_maanden = models.PositiveSmallIntegerField(
        _("possible extensions (months)"),
        null=True,
        blank=True,
        help_text=_(
            "All extensions together that the contract allows. They count at the same "
            "amount per month as the budget."
        ),
    )
    opties_waarde = models.DecimalField(
        _("value of options (euro)"),
        null=True,
        blank=True,
        help_text=_("Excl. VAT: extra work the municipality may order on top of the budget."),
        **MONEY,
    )
    geraamde_waarde = models.DecimalField(
        _("estimated value excl. VAT (euro)"),
        null=True,
        blank=True,
        help_text=_(
            "Your own estimate of the total over the whole term, including options and "
            "extensions. Leave empty: the platform computes it from the budget."
        ),
        **MONEY,
    )
    dienst_soort = models.CharField(
        _("kind of services"),
        max_length=20,
        choices=DienstSoort.choices,
        default=DienstSoort.SOCIAAL,
    )
    juridisch_kader = models.TextField(_("legal frame"), blank=True, max_length=TEKST_LANG)
    bestaande_verplichtingen = models.TextField(
        _("existing obligations"), blank=True, max_length=TEKST_LANG
    )
    belangen = models.TextField(_("interests of each party"), blank=True, max_length=TEKST_LANG)
    transitie = models.TextField(
        _("transition for current providers"), blank=True, max_length=TEKST_LANG
    )

    # Roles and rules of the game (phase B)
    gemeente_rol = models.CharField(
        _("role of the municipality"), max_length=20, choices=GemeenteRol.choices, blank=True
    )
    contact_toegestaan = models.BooleanField(
        _("bidders may contact committee members and residents involved"),
        default=False,
        help_text=_("Usually not: the committee must be able to judge freely."),
    )
    contact_regels = models.TextField(
        _("how contact with the committee and residents works"),
        blank=True,
        help_text=_("For example: only through the sessions, or only through the officer."),
        max_length=TEKST_MIDDEL,
    )

    # Form
    vorm = models.CharField(
        _("form of trajectory"), max_length=30, choices=Vorm.choices, blank=True
    )
    procedure = models.CharField(
        _("procedure"), max_length=30, choices=Procedure.choices, blank=True
    )
    contractvorm = models.CharField(
        _("contract form"), max_length=20, choices=Contractvorm.choices, blank=True
    )
    bekostiging = models.CharField(
        _("financing model"), max_length=20, choices=Bekostiging.choices, blank=True
    )
    contractduur_maanden = models.PositiveSmallIntegerField(
        _("contract duration (months)"), null=True, blank=True
    )
    tenderned_kenmerk = models.CharField(_("TenderNed reference"), max_length=40, blank=True)
    # Issue 13, rule 16: an own-design procedure under the light regime, described in the call.
    eigen_procedure = models.TextField(
        _("how the own procedure works"),
        blank=True,
        help_text=_(
            "Only for an own-design procedure: the steps, the moments and how bids are "
            "chosen. This text is printed in the call."
        ),
        max_length=TEKST_LANG,
    )

    # Issue 14, the subsidy route (Awb title 4.2): the ceiling and how it is divided, both
    # published in the call before applications open (art. 4:25, 4:26, 4:27 Awb).
    subsidieplafond = models.DecimalField(
        _("subsidy ceiling (euro)"),
        null=True,
        blank=True,
        help_text=_("The most the municipality gives in subsidy under this call, all together."),
        **MONEY,
    )
    verdeelregel = models.CharField(
        _("distribution rule"), max_length=20, choices=Verdeelregel.choices, blank=True
    )

    # Planning: dated, timed milestones (aware datetimes, shown in Europe/Amsterdam)
    vragen_sluit = models.DateTimeField(_("questions close at"), null=True, blank=True)
    inschrijving_sluit = models.DateTimeField(
        _("outline bids close at"),
        null=True,
        blank=True,
        help_text=_("Date and time in Dutch time (Europe/Amsterdam)."),
    )
    uitwerking_sluit = models.DateTimeField(_("elaborated bids close at"), null=True, blank=True)
    beoordeling_op = models.DateTimeField(_("assessment"), null=True, blank=True)
    gunning_op = models.DateTimeField(_("award"), null=True, blank=True)
    start_op = models.DateTimeField(_("start of the work"), null=True, blank=True)

    # Award approach
    gunningswijze = models.CharField(
        _("award approach"), max_length=30, choices=Gunningswijze.choices, blank=True
    )

    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gepubliceerd_op = models.DateTimeField(_("published at"), null=True, blank=True)
    # Issue 13, rules 8 and 11: the price formula and the conversations with bidders, both
    # published in the call.
    prijsformule = models.CharField(
        _("price formula"),
        max_length=30,
        choices=Prijsformule.choices,
        default=Prijsformule.LAAGSTE_GEDEELD,
    )
    bodgesprekken = models.BooleanField(_("conversations with bidders"), default=False)
    gesprek_vorm = models.CharField(
        _("format of the conversations"), max_length=20, choices=GesprekVorm.choices, blank=True
    )
    gesprek_duur_minuten = models.PositiveSmallIntegerField(
        _("length of a conversation (minutes)"), null=True, blank=True
    )
    # Issue 14, point 8: social return as a condition of the agreement, as the call states
    # it. Copied from the gemeente when the trajectory is set up; the officer may change it
    # in the frames section; the agreement (phase D) carries it over. Empty: no condition.
    sroi_percentage = models.DecimalField(
        _("social return (percentage of the contract value)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "A condition in the agreement, printed in the call. Empty or 0: no social return."
        ),
    )
    sroi_drempel = models.DecimalField(
        _("social return applies from contract value (euro)"),
        null=True,
        blank=True,
        help_text=_("Excl. VAT. Empty: social return applies to every lot."),
        **MONEY,
    )

    # Issue 14, point 2: the residents' mandate, printed in the call and shown on the
    # trajectory page. Asked only on routes with a committee (`routes.MEDEDINGING`).
    commissie_samenstelling = models.TextField(
        _("who sits on the committee and how they are found"),
        blank=True,
        help_text=_(
            "For example: five residents of the district, found through the residents' "
            "association and an open call in the local paper, and one officer."
        ),
        max_length=TEKST_MIDDEL,
    )
    commissie_mandaat = models.CharField(
        _("the committee advises or decides"),
        max_length=20,
        choices=CommissieMandaat.choices,
        blank=True,
    )
    afwijken_van_advies = models.TextField(
        _("when the college departs from the committee's advice"),
        blank=True,
        help_text=_(
            "What happens then: for example, the college explains its reasons in public and "
            "the committee may react first. Required when the committee advises."
        ),
        max_length=TEKST_MIDDEL,
    )
    # Issue 14, point 9: a fixed development fee per bid invited to elaborate (two stages
    # only). Recorded per invited bid in `beoordeling.Ontwikkelvergoeding`.
    ontwikkelvergoeding = models.DecimalField(
        _("development fee per invited bid (euro)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. A fixed amount for every bidder invited to elaborate its plan on a lot, "
            "paid after its elaborated plan is submitted. Only with two stages."
        ),
        **MONEY,
    )

    MIJLPALEN = (
        "vragen_sluit",
        "inschrijving_sluit",
        "uitwerking_sluit",
        "beoordeling_op",
        "gunning_op",
        "start_op",
    )
    # The deadlines people rely on (askers, bidders): after publication they move only
    # later, never earlier (issue 11, point 4), and never once passed. The vault of a stage
    # opens after its deadline, so an earlier deadline would open it early.
    DEADLINES_ALLEEN_LATER = ("vragen_sluit", "inschrijving_sluit", "uitwerking_sluit")
    # The other planning dates are plans, not deadlines (issue 13, rule 19): after
    # publication a correction moves them, earlier or later, also once they passed.
    PLANNINGSDATA = ("beoordeling_op", "gunning_op", "start_op")

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "inschrijving_sluit"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="gepubliceerd")
                | models.Q(gepubliceerd_op__isnull=False),
                name="traject_gepubliceerd_heeft_moment",
            ),
            models.CheckConstraint(
                condition=~models.Q(geen_budgetplafond=True) | models.Q(budget__isnull=True),
                name="traject_budget_of_geen_plafond",
            ),
            models.CheckConstraint(
                condition=models.Q(ontwikkelvergoeding__isnull=True)
                | models.Q(ontwikkelvergoeding__gt=0),
                name="traject_ontwikkelvergoeding_positief",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("trajecten:detail", args=[self.pk])

    @property
    def is_gepubliceerd(self):
        return self.status == TrajectStatus.GEPUBLICEERD

    @property
    def waarde(self):
        """The value the EU thresholds are measured against."""
        return self.geraamde_waarde if self.geraamde_waarde is not None else self.budget


class Perceel(models.Model):
    """A lot: small and local, so that small parties can bid alone."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="percelen")
    nummer = models.PositiveSmallIntegerField(_("number"))
    naam = models.CharField(_("name"), max_length=200)
    beschrijving = models.TextField(_("description"), blank=True, max_length=TEKST_LANG)
    budget = models.DecimalField(
        _("budget (euro)"),
        null=True,
        blank=True,
        help_text=_(
            "Excl. VAT, for the whole contract duration; extensions count at the same amount "
            "per month."
        ),
        **MONEY,
    )
    wijken = models.ManyToManyField(
        Wijk, blank=True, related_name="percelen", verbose_name=_("districts")
    )

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["traject", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "nummer"], name="perceel_nummer_uniek")
        ]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"


class Criterium(models.Model):
    """An award criterion with its scale and (for weighted approaches) its weight in percent."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="criteria")
    volgorde = models.PositiveSmallIntegerField(_("order"), default=1)
    naam = models.CharField(_("criterion"), max_length=200)
    omschrijving = models.TextField(
        _("what the committee looks at"), blank=True, max_length=TEKST_MIDDEL
    )
    weging = models.PositiveSmallIntegerField(_("weight (%)"), null=True, blank=True)
    schaal_min = models.SmallIntegerField(_("lowest score"), default=1)
    schaal_max = models.SmallIntegerField(_("highest score"), default=10)
    is_prijs = models.BooleanField(_("this is the price criterion"), default=False)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["traject", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(schaal_max__gt=models.F("schaal_min")),
                name="criterium_schaal_oplopend",
            ),
            models.CheckConstraint(
                condition=models.Q(weging__isnull=True) | models.Q(weging__lte=100),
                name="criterium_weging_max_100",
            ),
        ]

    def __str__(self):
        return self.naam


class Eis(models.Model):
    """A selection requirement; the proportionality check judges each one."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="eisen")
    perceel = models.ForeignKey(
        Perceel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="eisen",
        verbose_name=_("lot"),
        help_text=_("Empty: the requirement holds for every lot."),
    )
    soort = models.CharField(_("kind"), max_length=20, choices=EisSoort.choices)
    omschrijving = models.TextField(_("description"), max_length=TEKST_MIDDEL)
    bedrag = models.DecimalField(
        _("amount (euro)"),
        null=True,
        blank=True,
        help_text=_("For a turnover requirement."),
        **MONEY,
    )
    jaren = models.PositiveSmallIntegerField(
        _("years back"), null=True, blank=True, help_text=_("For reference projects.")
    )
    risico = models.TextField(
        _("the risk this requirement covers"),
        blank=True,
        help_text=_(
            "Needed for certificates, and for a turnover requirement above twice the lot's "
            "value in an EU procedure: which real risk does it cover? Printed in the call."
        ),
        max_length=TEKST_MIDDEL,
    )

    class Meta:
        verbose_name = _("selection requirement")
        verbose_name_plural = _("selection requirements")
        ordering = ["traject", "id"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.omschrijving[:60]}"


class Toelichting(models.Model):
    """'Comply or explain': why a proportionality finding is accepted. Printed in the call."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="toelichtingen")
    code = models.CharField(max_length=80)
    tekst = models.TextField(_("explanation"), max_length=TEKST_MIDDEL)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("explanation")
        verbose_name_plural = _("explanations")
        constraints = [
            models.UniqueConstraint(fields=["traject", "code"], name="toelichting_per_bevinding")
        ]

    def __str__(self):
        return self.code


class TeamLid(models.Model):
    """A colleague of the same gemeente in the trajectory's team."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="team")
    medewerker = models.ForeignKey(
        "aanbesteden.Medewerker", on_delete=models.CASCADE, related_name="teams"
    )
    rol = models.CharField(_("role"), max_length=20, choices=TeamRol.choices)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["traject", "medewerker"], name="teamlid_uniek")
        ]

    def __str__(self):
        return f"{self.medewerker} ({self.get_rol_display()})"


class Drempelwaarde(models.Model):
    """An EU procurement threshold (excl. VAT), valid for a period: kept as dated settings."""

    soort = models.CharField(_("kind"), max_length=20, choices=DrempelSoort.choices)
    bedrag = models.DecimalField(_("amount (euro)"), **MONEY)
    geldig_vanaf = models.DateField(_("valid from"))
    geldig_tot = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("EU threshold")
        verbose_name_plural = _("EU thresholds")
        ordering = ["soort", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["soort", "geldig_vanaf"], name="drempel_uniek"),
            models.CheckConstraint(
                condition=models.Q(geldig_tot__gte=models.F("geldig_vanaf")),
                name="drempel_periode_oplopend",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.geldig_vanaf:%Y}: € {self.bedrag}"


class Volger(models.Model):
    """A logged-in visitor who follows a trajectory and is told what changes."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="volgers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gevolgde_trajecten"
    )
    sinds = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["traject", "user"], name="volger_uniek")]

    def __str__(self):
        return f"{self.user} → {self.traject}"


class UitvraagVersie(models.Model):
    """One version of the call document (PDF through the core). Earlier versions stay."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="uitvraagversies")
    versie = models.PositiveSmallIntegerField(_("version"))
    aanleiding = models.CharField(_("reason"), max_length=20, choices=UitvraagAanleiding.choices)
    document = models.OneToOneField(
        "aanbesteden.Document", on_delete=models.PROTECT, related_name="uitvraagversie"
    )
    inhoud_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the trajectory content the version was made from."
    )
    openbaar = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("version of the call")
        verbose_name_plural = _("versions of the call")
        ordering = ["traject", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "versie"], name="uitvraag_versie_uniek")
        ]

    def __str__(self):
        return f"{self.traject} v{self.versie}"


class Rectificatie(models.Model):
    """A published correction: the only way the rules of the game change after publication."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="rectificaties")
    nummer = models.PositiveSmallIntegerField(_("number"))
    reden = models.TextField(_("reason"), max_length=TEKST_MIDDEL)
    wijzigingen = models.JSONField(_("changes"), default=list)
    gepubliceerd_op = models.DateTimeField(_("published at"), auto_now_add=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uitvraag_versie = models.OneToOneField(
        UitvraagVersie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectificatie",
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["traject", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "nummer"], name="rectificatie_nummer_uniek")
        ]

    def __str__(self):
        return f"{self.traject} rectificatie {self.nummer}"


MAX_SCHETSVRAGEN = 5


class Schetsvraag(models.Model):
    """Issue 14, point 4: a question of the trajectory's own, answered in the outline bid
    (or in the one bid of a single-stage call). At most `MAX_SCHETSVRAGEN`; printed in the
    call, so after publication they change only by a correction."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="schetsvragen")
    volgorde = models.PositiveSmallIntegerField(_("order"), default=1)
    vraag = models.CharField(_("question"), max_length=300)
    toelichting = models.TextField(_("guidance for bidders"), blank=True, max_length=TEKST_MIDDEL)

    class Meta:
        verbose_name = _("outline question")
        verbose_name_plural = _("outline questions")
        ordering = ["traject", "volgorde", "id"]

    def __str__(self):
        return self.vraag
