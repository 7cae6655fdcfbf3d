"""Demo data of phase B, through the services, modelled on DOMAIN.md and the sources.

- Organisations of each type: a social entrepreneur (Buurtkracht Woensel), an
  informal residents' group, a company, the local school (a key party of
  "Welzijn in Woensel") and two institutions.
- Interest on the partner board of "Welzijn in Woensel", and a conversation
  between two organisations that has been answered.
- A coalition with a facilitating lead that only organises, a residents'
  group with the largest share and the school as key party, and a bakery that
  has not yet answered its invitation.
- A coalition whose lead takes 80% of the budget and most of the say: the
  Utrecht story of the big institution and the small partners, flagged.
- The municipality is a facilitator in "Welzijn in Woensel", and bidders do
  not contact the committee.
- Issue 14, point 7: a language house that leads its own coalition on Woensel-Noord: the
  partner board shows it is taken there, and "Samen Sterk" sees why it cannot invite it.
  (Point 6: the flag of "Zorggroep Plus" now names the say too: 90% of it.)
"""

from decimal import Decimal

from aanbesteden.demo import DEMO_PASSWORD, DemoLogin, _user
from coalities.constants import LidRol, OrganisatieType, PartnerRol, Rechtsvorm
from coalities.models import Coalitie, CoalitiePartner, Organisatie
from coalities.services import coalitie as coalitie_services
from coalities.services import organisaties, partnerbord
from trajecten.constants import GemeenteRol
from trajecten.models import Traject
from trajecten.services.opstellen import sectie_opslaan


def _organisatie(user, naam, type, **velden):
    bestaand = Organisatie.objects.filter(naam=naam).first()
    if bestaand is not None:
        return bestaand
    return organisaties.organisatie_registreren(actor=user, naam=naam, type=type, **velden)


def build(*, beleid, ondernemer):
    welzijn = Traject.objects.get(titel="Welzijn in Woensel")
    if Coalitie.objects.filter(traject=welzijn).exists():
        return _logins()
    if not welzijn.gemeente_rol:
        sectie_opslaan(
            actor=beleid,
            traject=welzijn,
            sectie="kaders",
            wijzigingen={
                "gemeente_rol": GemeenteRol.FACILITATOR,
                "contact_toegestaan": False,
                "contact_regels": (
                    "Neem geen contact op met leden van de selectiecommissie. Vragen stelt u "
                    "via de vragenpagina of op de bijeenkomsten."
                ),
            },
            reden="De rol van de gemeente en de spelregels voor contact staan nu in de kaders.",
        )
        welzijn.refresh_from_db()

    bewoners = _user("bewoners@vlierstraat.demo", "Fatima El Amrani")
    bakker = _user("bakker@korenaar.demo", "Koen de Bakker")
    school = _user("directie@obs-boomgaard.demo", "Ilse Directeur")
    zorg = _user("bestuur@zorggroep.demo", "Ruud Bestuurder")
    vereniging = _user("secretaris@woenselzuid.demo", "Mehmet Secretaris")

    buurtkracht = Organisatie.objects.get(naam="Buurtkracht Woensel")
    organisaties.organisatie_wijzigen(
        actor=ondernemer,
        organisatie=buurtkracht,
        werkgebied="Woensel-Noord en Woensel-Zuid",
        rechtsvorm=Rechtsvorm.BV,
        mensen="Vier medewerkers en dertig vrijwilligers uit de wijk.",
    )
    vlierstraat = _organisatie(
        bewoners,
        "Bewonersgroep Vlierstraat",
        OrganisatieType.INFORMEEL,
        beschrijving="Buren die samen de buurttuin en een wekelijkse koffieochtend regelen.",
        werkgebied="Woensel-Noord",
        rechtsvorm=Rechtsvorm.GEEN,
        mensen="Twaalf buren.",
    )
    korenaar = _organisatie(
        bakker,
        "Bakkerij De Korenaar",
        OrganisatieType.BEDRIJF,
        beschrijving="Buurtbakker met leerwerkplekken voor jongeren.",
        werkgebied="Woensel-Noord",
        kvk_nummer="12345678",
        rechtsvorm=Rechtsvorm.EENMANSZAAK,
    )
    basisschool = _organisatie(
        school,
        "Openbare basisschool De Boomgaard",
        OrganisatieType.INSTELLING,
        beschrijving="De basisschool in het hart van de wijk, met een ouderkamer.",
        werkgebied="Woensel-Noord",
        rechtsvorm=Rechtsvorm.STICHTING,
    )
    zorggroep = _organisatie(
        zorg,
        "Zorggroep Regio Eindhoven",
        OrganisatieType.INSTELLING,
        beschrijving="Grote zorg- en welzijnsinstelling in de hele regio.",
        werkgebied="Regio Eindhoven",
        kvk_nummer="87654321",
        rechtsvorm=Rechtsvorm.STICHTING,
    )
    woenselzuid = _organisatie(
        vereniging,
        "Bewonersvereniging Woensel-Zuid",
        OrganisatieType.INFORMEEL,
        beschrijving="Vereniging van bewoners met een eigen buurthuiscommissie.",
        werkgebied="Woensel-Zuid",
        rechtsvorm=Rechtsvorm.VERENIGING,
    )
    organisaties.lid_toevoegen(
        actor=ondernemer, organisatie=buurtkracht, user=bewoners, rol=LidRol.LID
    )

    percelen = {p.naam: p for p in welzijn.percelen.all()}
    noord, zuid = percelen["Woensel-Noord"], percelen["Woensel-Zuid"]
    for user, organisatie, bieden, zoeken, lots in (
        (
            ondernemer,
            buurtkracht,
            "Wij organiseren: planning, administratie en contact met de gemeente.",
            "Bewonersgroepen en ondernemers die het werk in de wijk willen doen.",
            [noord],
        ),
        (
            bewoners,
            vlierstraat,
            "Twaalf buren, de buurttuin en een koffieochtend die al loopt.",
            "Een penvoerder die het papierwerk doet.",
            [noord],
        ),
        (
            bakker,
            korenaar,
            "Leerwerkplekken voor jongeren en brood voor de buurtmaaltijd.",
            "Een coalitie die jongeren aan het werk helpt.",
            [noord],
        ),
        (
            zorg,
            zorggroep,
            "Professionele welzijnswerkers en een regionale organisatie.",
            "Lokale partners in Woensel-Zuid.",
            [zuid],
        ),
    ):
        partnerbord.interesse_tonen(
            actor=user,
            traject=welzijn,
            organisatie=organisatie,
            bieden=bieden,
            zoeken=zoeken,
            percelen=lots,
        )
    partnerbord.sleutelpartij_aanwijzen(
        actor=beleid,
        traject=welzijn,
        organisatie=basisschool,
        reden="De school kent alle gezinnen in de wijk: elke coalitie heeft haar nodig.",
    )
    gesprek = partnerbord.bericht_sturen(
        actor=bakker,
        traject=welzijn,
        van=korenaar,
        aan=buurtkracht,
        tekst="Wij zoeken een coalitie voor onze leerwerkplekken. Zullen we eens praten?",
    )
    partnerbord.antwoord_sturen(
        actor=ondernemer,
        gesprek=gesprek,
        namens=buurtkracht,
        tekst="Graag! Wij nodigen u uit in onze coalitie voor Woensel-Noord.",
    )

    # A facilitating lead that only organises; residents hold the largest share.
    samen = coalitie_services.coalitie_vormen(
        actor=ondernemer,
        traject=welzijn,
        organisatie=buurtkracht,
        naam="Samen Sterk in Woensel-Noord",
        percelen=[noord],
        rol=PartnerRol.FACILITEREND,
        plan="Bewoners doen het welzijnswerk zelf; wij regelen de organisatie eromheen.",
        bijdrage="Planning, administratie en verantwoording.",
        aandeel_budget=Decimal("15"),
        aandeel_zeggenschap=Decimal("20"),
    )
    for user, organisatie, rol, bijdrage, budget, zeggenschap, accepteren in (
        (
            bewoners,
            vlierstraat,
            PartnerRol.PARTNER,
            "De buurttuin en koffieochtenden.",
            60,
            50,
            True,
        ),
        (
            school,
            basisschool,
            PartnerRol.SLEUTELPARTIJ,  # issue 13: a key party supports, it does not bid
            "De ouderkamer en contact met gezinnen.",
            25,
            30,
            True,
        ),
        (bakker, korenaar, PartnerRol.ONDERAANNEMER, "Leerwerkplekken voor jongeren.", 0, 0, None),
    ):
        partner = coalitie_services.partner_uitnodigen(
            actor=ondernemer,
            coalitie=samen,
            organisatie=organisatie,
            rol=rol,
            bijdrage=bijdrage,
            aandeel_budget=Decimal(budget),
            aandeel_zeggenschap=Decimal(zeggenschap),
        )
        if accepteren is not None:
            coalitie_services.uitnodiging_beantwoorden(
                actor=user, partner=partner, accepteren=accepteren
            )

    # The big lead that takes 80% of the money and most of the say (Utrecht's lesson).
    plus = coalitie_services.coalitie_vormen(
        actor=zorg,
        traject=welzijn,
        organisatie=zorggroep,
        naam="Zorggroep Plus Woensel-Zuid",
        percelen=[zuid],
        rol=PartnerRol.PENVOERDER,
        plan="Wij leveren het welzijnswerk; de bewonersvereniging denkt mee.",
        bijdrage="Alle professionele welzijnswerkers.",
        aandeel_budget=Decimal("80"),
        aandeel_zeggenschap=Decimal("90"),
    )
    partner = coalitie_services.partner_uitnodigen(
        actor=zorg,
        coalitie=plus,
        organisatie=woenselzuid,
        rol=PartnerRol.PARTNER,
        bijdrage="Vrijwilligers en de buurthuiscommissie.",
        aandeel_budget=Decimal("20"),
        aandeel_zeggenschap=Decimal("10"),
    )
    coalitie_services.uitnodiging_beantwoorden(actor=vereniging, partner=partner, accepteren=True)

    # Issue 13, rule 1: the school is a key party; it supports both coalitions, each with its
    # own commitment, and reads neither bid.
    for coalitie, leider, toezegging in (
        (
            samen,
            ondernemer,
            "De ouderkamer op dinsdag en donderdag, en de leerkrachten brengen gezinnen in "
            "contact met de buurttuin.",
        ),
        (
            plus,
            zorg,
            "Het speellokaal op woensdagmiddag voor de activiteiten met ouderen en kinderen.",
        ),
    ):
        sleutelpartner = CoalitiePartner.objects.filter(
            coalitie=coalitie, organisatie=basisschool
        ).first()
        if sleutelpartner is None:
            sleutelpartner = coalitie_services.partner_uitnodigen(
                actor=leider,
                coalitie=coalitie,
                organisatie=basisschool,
                rol=PartnerRol.SLEUTELPARTIJ,
            )
            coalitie_services.uitnodiging_beantwoorden(
                actor=school, partner=sleutelpartner, accepteren=True
            )
        coalitie_services.toezegging_opslaan(actor=school, partner=sleutelpartner, tekst=toezegging)
    return _logins()


def _logins():
    return [
        DemoLogin(
            "beheerder bewonersgroep (informeel)", "bewoners@vlierstraat.demo", DEMO_PASSWORD
        ),
        DemoLogin("beheerder bakkerij (bedrijf)", "bakker@korenaar.demo", DEMO_PASSWORD),
        DemoLogin("beheerder zorggroep (instelling)", "bestuur@zorggroep.demo", DEMO_PASSWORD),
    ]


def demo_organisatie(ctx):
    """Before phase A's demo: the entrepreneur's organisation (it registers for a session)."""
    if not Organisatie.objects.filter(naam="Buurtkracht Woensel").exists():
        organisaties.organisatie_registreren(
            actor=ctx["ondernemer"],
            naam="Buurtkracht Woensel",
            type=OrganisatieType.SOCIAAL_ONDERNEMER,
            beschrijving="Sociale onderneming die buurtbewoners aan werk en ontmoeting helpt.",
        )


def demo_wie_bezet_is():
    """Issue 14, point 7: a language house shows interest in Woensel-Noord and leads its own
    coalition there, so it is taken on that lot: the partner board says so, and the
    invitation list of "Samen Sterk in Woensel-Noord" gives the reason instead of offering
    it. Runs once."""
    welzijn = Traject.objects.get(titel="Welzijn in Woensel")
    if Coalitie.objects.filter(traject=welzijn, naam="Taal en Buren Woensel-Noord").exists():
        return
    taal = _user("info@taalhuis-woensel.demo", "Sanne de Taalcoach")
    taalhuis = _organisatie(
        taal,
        "Taalhuis Woensel",
        OrganisatieType.INFORMEEL,
        beschrijving="Vrijwilligers die buren helpen met Nederlands en formulieren.",
        werkgebied="Woensel-Noord",
        rechtsvorm=Rechtsvorm.GEEN,
    )
    noord = welzijn.percelen.get(naam="Woensel-Noord")
    partnerbord.interesse_tonen(
        actor=taal,
        traject=welzijn,
        organisatie=taalhuis,
        bieden="Taalmaatjes en hulp bij formulieren.",
        zoeken="Een plek in de wijk voor het taalcafé.",
        percelen=[noord],
    )
    coalitie_services.coalitie_vormen(
        actor=taal,
        traject=welzijn,
        organisatie=taalhuis,
        naam="Taal en Buren Woensel-Noord",
        percelen=[noord],
        rol=PartnerRol.PENVOERDER,
        plan="Een taalcafé en taalmaatjes, samen met buren.",
        aandeel_budget=Decimal("100"),
        aandeel_zeggenschap=Decimal("100"),
    )


def demo_bijdrage(ctx):
    """coalities' part of the demo (aanbesteden.extensions.DEMO): organisations, the partner
    board and coalitions; returns the organisations' logins."""
    logins = build(beleid=ctx["beleid"], ondernemer=ctx["ondernemer"])
    demo_wie_bezet_is()
    return logins
