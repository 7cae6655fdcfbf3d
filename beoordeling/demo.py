"""Demo data of phase C, through the services, with time-machine for what lies in the past.

"Buurthuis De Boomgaard" after its deadline: two organisations submitted an outline bid,
two officers opened the vault, and the committee (two residents and an official) is
halfway: one resident declared and scored one bid, the other bid is still waiting.

"Ontmoeting voor ouderen in Stratum", awarded: three outline bids, two invited to
elaborate (the third told why not), both elaborated plans scored by the whole committee,
a conversation with each finalist with the committee's notes, a closed consensus, and the
award letters sent a week or so ago on a day whose 20th day after is not a working day, so
the standstill still runs and visibly moved (Atw); the committee's explanation
is on the trajectory page. Its call offers a development fee (issue 14, point 9): one invited
bidder's fee is paid, the other's is still to pay.

Issue 14 (`demo_convenant`): "Huiskamer van de wijk Doornakkers" is a covenant written with
a residents' initiative in three versions and agreed by both sides; the residents' group of
the Vlierstraat had its right-to-challenge proposal accepted as a covenant.
"""

from datetime import timedelta
from decimal import Decimal

import time_machine
from django.utils import timezone

from aanbesteden import termijnen
from aanbesteden.demo import DEMO_PASSWORD, DemoLogin, _user
from aanbesteden.models import Medewerker
from beoordeling.constants import Ronde, VergoedingStatus
from beoordeling.models import (
    Bod,
    Bodgesprek,
    Commissielid,
    ConsensusOverleg,
    Convenant,
    Ontwikkelvergoeding,
    Opdracht,
)
from beoordeling.services import (
    bieden,
    buurtbudget,
    commissie,
    consensus,
    gesprekken,
    gunning,
    kluis,
    selectie,
)
from beoordeling.services import convenant as convenant_services
from beoordeling.services import vergoeding as vergoeding_services
from beoordeling.standstill import STANDSTILL_DAGEN
from coalities.constants import LidRol, OrganisatieType, Rechtsvorm
from coalities.models import Organisatie
from coalities.services import organisaties
from trajecten.constants import Fase, TeamRol, Vorm
from trajecten.models import TeamLid, Traject
from trajecten.services import opstellen
from trajecten.services import uitdaging as uitdaging_services

INHOUD = {
    "Buurtkracht Woensel": {
        "plan": "Een buurthuis waar bewoners zelf het programma maken, met een vaste gastvrouw.",
        "wie": "Buurtkracht coördineert; vrijwilligers uit de wijk doen de ontvangst.",
        "planning": "Open vanaf de start; na zes maanden een tussenevaluatie met de buurt.",
        "verdienmodel": "Zaalverhuur aan buurtgroepen en een kleine bijdrage per maaltijd.",
        "resultaten": "Het aantal activiteiten dat bewoners zelf organiseren, en hun oordeel.",
    },
    "Bewonersgroep Vlierstraat": {
        "plan": "Wij openen De Boomgaard elke dag, met koffie, de moestuin en huiswerkhulp.",
        "wie": "Twaalf buren draaien diensten; een coördinator voor twaalf uur per week.",
        "planning": "Eerst drie dagen per week, na drie maanden elke dag.",
        "verdienmodel": "Een buurtfonds en de opbrengst van de moestuin.",
        "resultaten": "Bezoekers per week en een jaarlijkse buurtavond over wat beter kan.",
    },
}


def build(*, beleid, inkoop, bewoner):
    _gegund(beleid=beleid, inkoop=inkoop, bewoner=bewoner)
    _vergoeding_betaald(beleid=beleid)
    _boomgaard(beleid=beleid, inkoop=inkoop, bewoner=bewoner)


def _vergoeding_betaald(*, beleid):
    """Issue 14, point 9: "Ontmoeting voor ouderen in Stratum" offers a development fee
    (trajecten.demo); both invited bidders submitted their elaborated plan. The fee of
    Buurtkracht Woensel is paid ten days after the opening; Zorggroep's is still to pay."""
    traject = Traject.objects.get(titel="Ontmoeting voor ouderen in Stratum")
    vergoeding = (
        Ontwikkelvergoeding.objects.filter(traject=traject, organisatie__naam="Buurtkracht Woensel")
        .select_related("bod")
        .first()
    )
    if vergoeding is None or vergoeding.status == VergoedingStatus.BETAALD:
        return
    with time_machine.travel(traject.uitwerking_sluit + timedelta(days=10), tick=False):
        vergoeding_services.betaling_vastleggen(
            actor=beleid,
            vergoeding=vergoeding,
            betaald_op=timezone.localdate(),
            ontvangen_op=timezone.now(),
        )


def _indienen(traject, ronde, naam, inhoud, moment, *, bedrag="60000"):
    """One organisation's bid on the trajectory's only lot in `ronde`, submitted at `moment`."""
    organisatie = Organisatie.objects.get(naam=naam)
    beheerder = organisatie.lidmaatschappen.filter(rol="beheerder").first().user
    with time_machine.travel(moment, tick=False):
        bod = bieden.bod_starten(
            actor=beheerder,
            traject=traject,
            perceel=traject.percelen.get(),
            organisatie=organisatie,
            ronde=ronde,
            ontvangen_op=moment,
        )
        # Issue 14, point 4: each stage asks its own steps; an outline a rough budget.
        gevraagd = {stap.slug for stap in bieden.stappen_voor(traject, bod.perceel, ronde)}
        delen = {
            **inhoud,
            "globale_begroting": {"totaal": bedrag, "regels": ""},
            "begroting": [{"partner": naam, "jaar": 2027, "bedrag": bedrag}],
            "financiering": [{"bron": "gemeente", "bedrag": bedrag}],
        }
        for stap, tekst in delen.items():
            if stap in gevraagd:
                bieden.concept_opslaan(
                    actor=beheerder,
                    bod=bod,
                    stap=stap,
                    gegevens={stap: tekst},
                    ontvangen_op=moment,
                )
        bieden.bod_indienen(actor=beheerder, bod=bod, ontvangen_op=moment)
    return bod


def _kluis_openen(traject, ronde, beleid, inkoop, moment):
    # Issue 13, rule 2: only the trajectory's team opens the vault; both openers join it.
    for user, rol in ((beleid, TeamRol.BELEID), (inkoop, TeamRol.INKOOP)):
        medewerker = Medewerker.objects.get(user=user, gemeente_id=traject.gemeente_id)
        if not TeamLid.objects.filter(traject=traject, medewerker=medewerker).exists():
            opstellen.teamlid_toevoegen(
                actor=beleid, traject=traject, medewerker=medewerker, rol=rol
            )
    with time_machine.travel(moment, tick=False):
        opening = kluis.kluis_opening_starten(actor=beleid, traject=traject, ronde=ronde, op=moment)
        kluis.kluis_openen(actor=inkoop, opening=opening, op=moment)


STRATUM = {
    "Buurtkracht Woensel": {
        "plan": "Elke werkdag een open huiskamer in Stratum, met een warme maaltijd op dinsdag "
        "en donderdag en een belbus die ouderen ophaalt.",
        "wie": "Buurtkracht coördineert; buren rijden de belbus; de kok leidt leerlingen op.",
        "planning": "Start met drie dagen; na een half jaar elke werkdag open.",
        "verdienmodel": "Een kleine bijdrage per maaltijd en sponsoring door winkeliers.",
        "resultaten": "Hoeveel ouderen elke week komen en hoe eenzaam zij zich voelen.",
    },
    "Zorggroep Regio Eindhoven": {
        "plan": "Een ontmoetingscentrum in onze zorglocatie, met activiteiten en vervoer.",
        "wie": "Onze welzijnsmedewerkers; vrijwilligers van de zorglocatie.",
        "planning": "Direct open op vijf dagen in de week.",
        "verdienmodel": "Volledig uit het budget van de gemeente.",
        "resultaten": "Het aantal deelnemers per activiteit.",
    },
    "Bakkerij De Korenaar": {
        "plan": "Twee keer per week een lunch in de bakkerij voor ouderen uit de buurt.",
        "wie": "De bakker en twee leerlingen.",
        "planning": "Start in de eerste maand.",
        "verdienmodel": "Een bijdrage per lunch.",
        "resultaten": "Het aantal lunches per week.",
    },
}

UITWERKING = {
    "Buurtkracht Woensel": {
        "plan": "De huiskamer in het wijkgebouw aan de Leenderweg, met maaltijden, de belbus "
        "en een buurtcoach die ouderen thuis opzoekt die niet zelf komen.",
        "wie": "Buurtkracht: coördinatie en buurtcoach; vrijwilligers: belbus en gastvrouwen; "
        "Bakkerij De Korenaar levert de lunch.",
        "planning": "Maand 1 tot 3: drie dagen open; vanaf maand 4 elke werkdag; elk half jaar "
        "een buurtavond over wat beter kan.",
        "verdienmodel": "Bijdrage per maaltijd, sponsoring door winkeliers aan de Leenderweg, "
        "een aanvraag bij het Oranje Fonds voor de belbus.",
        "resultaten": "Bezoekers per week, ritten van de belbus, en twee keer per jaar de "
        "eenzaamheidsschaal van De Jong Gierveld bij de vaste bezoekers.",
    },
    "Zorggroep Regio Eindhoven": {
        "plan": "Ontmoeting in onze locatie De Hofstede, met dagelijks activiteiten en een "
        "taxi voor wie slecht ter been is.",
        "wie": "Twee welzijnsmedewerkers en een activiteitenbegeleider van de zorggroep.",
        "planning": "Vanaf de eerste maand vijf dagen per week open.",
        "verdienmodel": "Het budget van de gemeente; de taxi uit de Wmo.",
        "resultaten": "Deelnemers per activiteit en een jaarlijkse tevredenheidsmeting.",
    },
}


def _verklaren(traject, *users):
    """Each user signs the confidentiality declaration and, for every lot with opened bids,
    the conflict-of-interest declaration without a conflict (issue 13, rule 5)."""
    percelen = {b.perceel for b in Bod.objects.filter(traject=traject).select_related("perceel")}
    for user in users:
        commissie.geheimhouding_tekenen(actor=user, traject=traject)
        for perceel in sorted(percelen, key=lambda p: p.nummer):
            commissie.verklaring_tekenen(actor=user, perceel=perceel, conflict=False)


def _gegund(*, beleid, inkoop, bewoner):
    """ "Ontmoeting voor ouderen in Stratum": two stages, a committee that scored everything,
    conversations with both finalists, a closed consensus, and the award sent six days ago:
    the standstill runs for two more weeks."""
    traject = Traject.objects.get(titel="Ontmoeting voor ouderen in Stratum")
    if Bod.objects.filter(traject=traject).exists():
        return
    eerste, tweede = traject.inschrijving_sluit, traject.uitwerking_sluit
    for naam, inhoud in STRATUM.items():
        _indienen(traject, Ronde.HOOFDLIJNEN, naam, inhoud, eerste - timedelta(days=3))
    _kluis_openen(traject, Ronde.HOOFDLIJNEN, beleid, inkoop, eerste + timedelta(hours=1))

    terugkoppeling = {
        "Buurtkracht Woensel": (
            True,
            "Sterk: de belbus en de buren die meedoen. Werk uit hoe u ouderen bereikt die "
            "niet zelf de deur uit gaan.",
        ),
        "Zorggroep Regio Eindhoven": (
            True,
            "Sterk: de ervaring en de locatie. Werk uit hoe bewoners en vrijwilligers uit "
            "Stratum meedoen; nu is het vooral aanbod van de zorggroep.",
        ),
        "Bakkerij De Korenaar": (
            False,
            "Een warm plan, maar het gaat alleen over de lunch. De opgave vraagt ook "
            "ontmoeting op andere dagen en vervoer. Misschien kunt u samenwerken met een "
            "van de andere bieders.",
        ),
    }
    with time_machine.travel(eerste + timedelta(days=5), tick=False):
        selectie.selectie_alles_opslaan(
            actor=beleid,
            keuzes=[
                (bod, *terugkoppeling[bod.organisatie.naam])
                for bod in Bod.objects.filter(
                    traject=traject, ronde=Ronde.HOOFDLIJNEN
                ).select_related("organisatie")
            ],
        )
        selectie.selectie_versturen(actor=beleid, traject=traject, ontvangen_op=timezone.now())

    for naam, inhoud in UITWERKING.items():
        _indienen(traject, Ronde.UITWERKING, naam, inhoud, tweede - timedelta(days=2))
    _kluis_openen(traject, Ronde.UITWERKING, beleid, inkoop, tweede + timedelta(hours=1))

    # The committee: two residents (one the chair) and an official.
    with time_machine.travel(tweede + timedelta(hours=2), tick=False):
        fatima = commissie.commissielid_uitnodigen(
            actor=beleid,
            traject=traject,
            naam="Fatima El Amrani",
            email="fatima@stratum.demo",
        )
        bas = commissie.commissielid_toevoegen(actor=beleid, traject=traject, user=bewoner)
        commissie.commissielid_toevoegen(
            actor=beleid, traject=traject, user=inkoop, is_bewoner=False
        )
        commissie.voorzitter_instellen(actor=beleid, lid=bas)
        commissie.gegevens_wijzigen(actor=bewoner, lid=bas, leeftijdsgroep="45_65", buurt="Stratum")
        commissie.gegevens_wijzigen(
            actor=fatima.user, lid=fatima, leeftijdsgroep="65_plus", buurt="Stratum"
        )

    biedingen = {
        b.organisatie.naam: b
        for b in Bod.objects.filter(traject=traject, ronde=Ronde.UITWERKING).select_related(
            "organisatie"
        )
    }
    criteria = list(traject.criteria.all())  # Maatschappelijke waarde 60%, Draagvlak 40%
    oordelen = {
        "Buurtkracht Woensel": ((8, 9), "Dichtbij, met buren die meedoen en een buurtcoach."),
        "Zorggroep Regio Eindhoven": ((7, 5), "Professioneel, maar de buurt doet weinig mee."),
    }
    # Everyone declares (issue 13: confidentiality once, the lot once; the officer who runs
    # the process too) and scores, a little apart from each other.
    with time_machine.travel(tweede + timedelta(days=2), tick=False):
        _verklaren(traject, beleid, bewoner, fatima.user, inkoop)
        for user, afwijking in ((bewoner, 0), (fatima.user, -1), (inkoop, 1)):
            for naam, bod in biedingen.items():
                waarden, oordeel = oordelen[naam]
                for criterium, waarde in zip(criteria, waarden, strict=True):
                    commissie.score_opslaan(
                        actor=user,
                        bod=bod,
                        criterium=criterium,
                        waarde=max(
                            criterium.schaal_min, min(criterium.schaal_max, waarde + afwijking)
                        ),
                        motivatie=oordeel,
                    )
                commissie.beoordeling_indienen(actor=user, bod=bod, oordeel=oordeel)

    # Conversations with both finalists, and the committee's notes.
    with time_machine.travel(tweede + timedelta(days=3), tick=False):
        for bod in biedingen.values():
            gesprekken.gesprek_plannen(
                actor=beleid,
                bod=bod,
                gepland_op=tweede + timedelta(days=6),
                locatie="Wijkgebouw Stratum, Leenderweg 100",
                toelichting="Hoe doen bewoners en vrijwilligers mee, en hoe bereikt u ouderen "
                "die niet zelf komen?",
                ontvangen_op=timezone.now(),
            )
        consensus.consensusoverleg_plannen(
            actor=beleid,
            traject=traject,
            ronde=Ronde.UITWERKING,
            gepland_op=tweede + timedelta(days=8),
            locatie="Stadhuis Eindhoven, zaal 2",
            ontvangen_op=timezone.now(),
        )
    notities = {
        "Buurtkracht Woensel": "Zij kennen de ouderen bij naam. De buurtcoach gaat ook bij "
        "mensen langs die nooit komen. Vraag: wat als de vrijwilligers stoppen?",
        "Zorggroep Regio Eindhoven": "Goed georganiseerd. Op de vraag hoe buren meedoen kwam "
        "vooral een verwijzing naar hun vrijwilligersbeleid.",
    }
    verslagen = {
        "Buurtkracht Woensel": "U lichtte toe dat de buurtcoach ook huisbezoeken doet bij "
        "ouderen die niet zelf komen, en dat twee vaste vrijwilligers de inloop openen.",
        "Zorggroep Regio Eindhoven": "U lichtte toe dat buren via het vrijwilligersbeleid "
        "van de zorggroep meedoen, en dat de maaltijden in de zorglocatie zijn.",
    }
    with time_machine.travel(tweede + timedelta(days=6, hours=2), tick=False):
        for naam, bod in biedingen.items():
            gesprek = Bodgesprek.objects.get(bod=bod)
            gesprekken.notitie_toevoegen(actor=bewoner, gesprek=gesprek, tekst=notities[naam])
            # Issue 13, rule 11: what was clarified goes to the bidder.
            gesprekken.verslag_vastleggen(
                actor=beleid, gesprek=gesprek, verslag=verslagen[naam], ontvangen_op=timezone.now()
            )

    # The consensus meeting: the chair records, then the committee confirms.
    with time_machine.travel(tweede + timedelta(days=8, hours=2), tick=False):
        motivaties = {
            "Buurtkracht Woensel": (
                "Het plan bereikt ook ouderen die niet zelf komen, met buren erbij.",
                "Bewoners en winkeliers doen mee; de buurtavond houdt de buurt betrokken.",
            ),
            "Zorggroep Regio Eindhoven": (
                "Betrouwbaar en ervaren, maar het blijft aanbod in de zorglocatie.",
                "Weinig eigen inbreng van de buurt.",
            ),
        }
        for naam, bod in biedingen.items():
            waarden, oordeel = oordelen[naam]
            consensus.consensus_vastleggen(
                actor=bewoner,
                bod=bod,
                scores=[
                    {"criterium": c, "waarde": w, "motivatie": m}
                    for c, w, m in zip(criteria, waarden, motivaties[naam], strict=True)
                ],
                oordeel=oordeel,
            )
        # The chair records who attended and confirms; Fatima's confirmation makes the
        # majority (2 of the 3 members without a conflict) and closes the consensus.
        overleg = ConsensusOverleg.objects.get(traject=traject, ronde=Ronde.UITWERKING)
        consensus.aanwezigheid_vastleggen(
            actor=bewoner,
            overleg=overleg,
            aanwezigen=Commissielid.objects.filter(traject=traject),
        )
        consensus.consensus_bevestigen(actor=bewoner, overleg=overleg)
        consensus.consensus_bevestigen(actor=fatima.user, overleg=overleg)

    # The award, sent about a week ago on a day whose 20th day after is a Saturday, Sunday
    # or public holiday: the standstill visibly moved to the next working day (Atw).
    verstuurd = _verstuurd_voor_demo(timezone.localtime(timezone.now()))
    with time_machine.travel(verstuurd, tick=False):
        besluit = gunning.gunning_besluiten(
            actor=beleid,
            perceel=traject.percelen.get(),
            winnend_bod=biedingen["Buurtkracht Woensel"],
            motivatie="De commissie gaf Buurtkracht Woensel de hoogste score op beide "
            "criteria: het plan bereikt ook ouderen die niet zelf komen, en de buurt doet mee.",
            kenmerken="Een huiskamer op elke werkdag, een belbus met buren als chauffeur, een "
            "buurtcoach die ouderen thuis opzoekt, en de lunch van de buurtbakker.",
        )
        gunning.gunning_versturen(actor=beleid, gunning=besluit, ontvangen_op=verstuurd)
        gunning.toelichting_publiceren(
            actor=bewoner,
            gunning=besluit,
            tekst="Wij, drie bewoners en een ambtenaar, lazen alle plannen en spraken met de "
            "twee laatste bieders. Wij kozen voor Buurtkracht Woensel, omdat buren zelf "
            "meedoen en omdat hun buurtcoach ook de ouderen bereikt die nu alleen thuis "
            "zitten. Op de buurtavond in het voorjaar vertellen wij hoe het gaat.",
        )
        opstellen.fase_wijzigen(actor=beleid, traject=traject, fase=Fase.D)


def _verstuurd_voor_demo(nu):
    """10:00 on the latest day 6 to 12 days before `nu` whose day 20 is not a working day
    (one always exists: in any seven days one has its day 20 on a Saturday)."""
    for dagen in range(6, 13):
        dag = (nu - timedelta(days=dagen)).date()
        if not termijnen.is_werkdag(dag + timedelta(days=STANDSTILL_DAGEN)):
            break
    return nu.replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(days=dagen)


def _boomgaard(*, beleid, inkoop, bewoner):
    """ "Buurthuis De Boomgaard": two outline bids, the vault opened, the committee halfway."""
    traject = Traject.objects.get(titel="Buurthuis De Boomgaard")
    if Bod.objects.filter(traject=traject).exists():
        return
    for naam, inhoud in INHOUD.items():
        _indienen(
            traject,
            Ronde.HOOFDLIJNEN,
            naam,
            inhoud,
            traject.inschrijving_sluit - timedelta(days=2),
            bedrag="75000",
        )
    _kluis_openen(traject, Ronde.HOOFDLIJNEN, beleid, inkoop, timezone.now())

    rita = commissie.commissielid_uitnodigen(
        actor=beleid, traject=traject, naam="Rita Bewoner", email="rita@kruidenbuurt.demo"
    )
    commissie.commissielid_toevoegen(actor=beleid, traject=traject, user=inkoop, is_bewoner=False)
    lid = Commissielid.objects.get(traject=traject, user=bewoner)
    commissie.gegevens_wijzigen(
        actor=bewoner, lid=lid, leeftijdsgroep="45_65", buurt="Woensel-Noord"
    )
    commissie.voorzitter_instellen(actor=beleid, lid=lid)

    # Halfway: Bas declared both bids and submitted his assessment of one.
    biedingen = list(Bod.objects.filter(traject=traject).order_by("pk"))
    _verklaren(traject, bewoner, beleid)
    eerste = biedingen[0]
    for criterium in traject.criteria.all():
        commissie.score_opslaan(
            actor=bewoner,
            bod=eerste,
            criterium=criterium,
            waarde=criterium.schaal_max - 2,
            motivatie="Sterk verankerd in de buurt; het programma kan concreter.",
        )
    commissie.beoordeling_indienen(
        actor=bewoner,
        bod=eerste,
        oordeel="Een goed plan met veel eigen kracht van de buurt.",
        rang=1,
    )
    return rita


def demo_commissie(ctx):
    """Right after phase A's demo: the resident on the committee of De Boomgaard; and
    "Welzijn in Woensel", whose committee is bound to lots (issue 13, rule 4): as in
    Eindhoven, residents judge their own district, an official the whole trajectory."""
    buurthuis = ctx["buurthuis"]
    if not Commissielid.objects.filter(traject=buurthuis, user=ctx["bewoner"]).exists():
        commissie.commissielid_toevoegen(
            actor=ctx["beleid"], traject=buurthuis, user=ctx["bewoner"], is_bewoner=True
        )
    woensel = Traject.objects.filter(titel="Welzijn in Woensel").first()
    if woensel is None or Commissielid.objects.filter(traject=woensel).exists():
        return
    percelen = {p.naam: p for p in woensel.percelen.all()}
    for naam, email, wijk in (
        ("Anouk de Vries", "anouk@woensel-noord.demo", "Woensel-Noord"),
        ("Henk Smulders", "henk@woensel-noord.demo", "Woensel-Noord"),
        ("Samira Bouzid", "samira@strijp.demo", "Strijp"),
        ("Joost van Dijk", "joost@strijp.demo", "Strijp"),
        ("Ilse Verhoeven", "ilse@tongelre.demo", "Tongelre"),
    ):
        lid = commissie.commissielid_uitnodigen(
            actor=ctx["beleid"],
            traject=woensel,
            naam=naam,
            email=email,
            percelen=[percelen[wijk]] if wijk in percelen else [],
        )
        commissie.gegevens_wijzigen(actor=lid.user, lid=lid, buurt=wijk)
    commissie.commissielid_toevoegen(
        actor=ctx["beleid"], traject=woensel, user=ctx["inkoop"], is_bewoner=False
    )


def demo_bijdrage(ctx):
    """beoordeling's part of the demo (aanbesteden.extensions.DEMO): bids, the vault, the
    committee's scores, the consensus, conversations and an award."""
    build(beleid=ctx["beleid"], inkoop=ctx["inkoop"], bewoner=ctx["bewoner"])
    demo_convenant(ctx)
    demo_buurtbudget(ctx)
    return [
        DemoLogin(
            "beheerder bewonersinitiatief (convenant)", "huiskamer@doornakkers.demo", DEMO_PASSWORD
        )
    ]


# --- issue 14, point 3: the covenant route -------------------------------------------------

HUISKAMER_PLAN = [
    # (who writes: "initiatief" or "gemeente", the sections they change)
    (
        "initiatief",
        {
            "doelen": "Een huiskamer die vijf dagen per week open is, waar iedereen uit "
            "Doornakkers binnen kan lopen. Wij willen dat niemand in de wijk zich alleen voelt.",
            "activiteiten": "Inloop met koffie, twee keer per week een maaltijd, huiswerkhulp "
            "op woensdag en een spelletjesmiddag.",
        },
    ),
    (
        "gemeente",
        {
            "inbreng": "Het initiatief: twintig vrijwilligers, de inrichting en de contacten "
            "in de wijk. De gemeente: de huur van het pand en een wijkcoach voor vier uur per "
            "week.",
            "geld": "De gemeente betaalt de huur (EUR 15.000 per jaar) rechtstreeks aan de "
            "verhuurder en EUR 10.000 per jaar voor activiteiten, per kwartaal vooraf.",
        },
    ),
    (
        "initiatief",
        {
            "looptijd": "Vier jaar. Elk half jaar kijken we samen met de buurt terug en "
            "stellen we bij.",
            "exit": "Beide partijen kunnen met drie maanden opzeggen na een gesprek. De "
            "inrichting blijft van het initiatief.",
        },
    ),
]


def _schrijf_plan(convenant, schrijvers):
    """The plan in versions, alternately by the initiative and the gemeente."""
    inhoud = {}
    for partij, secties in HUISKAMER_PLAN:
        inhoud.update(secties)
        laatste = convenant_services.laatste_versie(convenant)
        convenant_services.plan_opslaan(
            actor=schrijvers[partij],
            convenant=convenant,
            basis=laatste.nummer if laatste else 0,
            secties=inhoud,
        )


def demo_convenant(ctx):
    """A covenant written with an existing residents' initiative (three versions, agreed by
    both sides), and a right-to-challenge proposal accepted as a covenant (its plan begun)."""
    beleid, eindhoven = ctx["beleid"], ctx["eindhoven"]
    huiskamer = Traject.objects.filter(titel="Huiskamer van de wijk Doornakkers").first()
    if huiskamer is None or Convenant.objects.filter(traject=huiskamer).exists():
        return
    medewerker = Medewerker.objects.get(user=beleid, gemeente=eindhoven)
    opstellen.teamlid_toevoegen(
        actor=beleid, traject=huiskamer, medewerker=medewerker, rol=TeamRol.PROJECTLEIDER
    )
    voorzitter = _user("huiskamer@doornakkers.demo", "Anouk van Dijk")
    vrijwilliger = _user("vrijwilliger@doornakkers.demo", "Joost Hendriks")
    initiatief = Organisatie.objects.filter(naam="Bewonersinitiatief Huiskamer Doornakkers").first()
    if initiatief is None:
        initiatief = organisaties.organisatie_registreren(
            actor=voorzitter,
            naam="Bewonersinitiatief Huiskamer Doornakkers",
            type=OrganisatieType.INFORMEEL,
            beschrijving="Buren die sinds 2019 samen de huiskamer van de wijk draaien.",
            werkgebied="Doornakkers",
            rechtsvorm=Rechtsvorm.VERENIGING,
        )
        organisaties.lid_toevoegen(
            actor=voorzitter, organisatie=initiatief, user=vrijwilliger, rol=LidRol.LID
        )
    convenant = convenant_services.initiatief_benoemen(
        actor=beleid, traject=huiskamer, organisatie=initiatief
    )
    _schrijf_plan(convenant, {"initiatief": vrijwilliger, "gemeente": beleid})
    laatste = convenant_services.laatste_versie(convenant)
    for user in (voorzitter, beleid):
        convenant_services.akkoord_geven(
            actor=user, convenant=convenant, versie_nummer=laatste.nummer
        )

    # A right-to-challenge proposal by the residents' group of the Vlierstraat, accepted as
    # a covenant: their organisation is the initiative; the first version of the plan is there.
    bewoners = _user("bewoners@vlierstraat.demo", "Fatima El Amrani")
    if Organisatie.objects.filter(naam="Bewonersgroep Vlierstraat").exists():
        voorstel = uitdaging_services.uitdaging_indienen(
            actor=bewoners,
            gemeente=eindhoven,
            titel="Speeltuin Vlierstraat in eigen beheer",
            wat="Wij willen de speeltuin zelf beheren: elke week een klusochtend en in de "
            "zomer een speelweek voor de kinderen uit de buurt.",
            waar="Woensel-Noord",
            waarom="Wij wonen rond de speeltuin en zien elke dag wat er nodig is.",
            wie="Bewonersgroep Vlierstraat, twaalf buren.",
            nodig="Het onderhoudsbudget van de speeltuin en een sleutel van de berging.",
        )
        uitdaging_services.uitdaging_meer_informatie_vragen(
            actor=beleid, uitdaging=voorstel, vraag="Wie controleert de toestellen op veiligheid?"
        )
        uitdaging_services.uitdaging_aanvullen(
            actor=bewoners,
            uitdaging=voorstel,
            aanvulling="Twee buren volgen de cursus speeltoestellen; de jaarlijkse keuring "
            "blijft bij de gemeente.",
        )
        voorstel = uitdaging_services.uitdaging_accepteren(
            actor=beleid, uitdaging=voorstel, vorm=Vorm.CONVENANT
        )
        speeltuin = Convenant.objects.filter(traject=voorstel.traject).first()
        if speeltuin is not None:
            convenant_services.plan_opslaan(
                actor=bewoners,
                convenant=speeltuin,
                basis=0,
                secties={
                    "doelen": "Een veilige, schone speeltuin waar de buurt zich eigenaar van "
                    "voelt.",
                    "activiteiten": "Klusochtend op zaterdag; speelweek in de zomervakantie.",
                },
            )


def demo_buurtbudget(ctx):
    """Issue 14, burgeraanbesteding: in Holtenbroek the representatives asked three quotes
    for an assignment and chose one, with the reason; the ledger shows what is left."""
    traject = Traject.objects.filter(titel="Groen en schoon in Holtenbroek").first()
    if traject is None or Opdracht.objects.filter(perceel__traject=traject).exists():
        return
    perceel = traject.percelen.get()
    vertegenwoordigers = [v.user for v in perceel.vertegenwoordigers.select_related("user")]
    if not vertegenwoordigers:
        return
    rosa = vertegenwoordigers[0]
    vandaag = timezone.localdate()
    opdracht = buurtbudget.opdracht_aanmaken(
        actor=rosa,
        perceel=perceel,
        omschrijving="Nieuwe beplanting en bloembakken op het Holtenbroekplein",
        geraamd_bedrag=Decimal("7500"),
    )
    offertes = []
    for naam, bedrag, dagen in (
        ("Hoveniersbedrijf De Vecht", Decimal("7850"), 12),
        ("Groen Doen Zwolle", Decimal("6900"), 11),
        ("Tuinservice Holtenbroek", Decimal("8200"), 10),
    ):
        offerte = buurtbudget.offerte_vragen(
            actor=rosa,
            opdracht=opdracht,
            leverancier=naam,
            gevraagd_op=vandaag - timedelta(days=dagen),
        )
        offertes.append(
            buurtbudget.offerte_ontvangen(
                actor=rosa,
                offerte=offerte,
                bedrag=bedrag,
                ontvangen_op=vandaag - timedelta(days=dagen - 5),
            )
        )
    buurtbudget.offerte_kiezen(
        actor=vertegenwoordigers[-1],
        opdracht=opdracht,
        offerte=offertes[1],
        reden=(
            "De laagste prijs, en zij werken met twee jongeren uit de wijk die een leerbaan zoeken."
        ),
    )
    buurtbudget.opdracht_aanmaken(
        actor=rosa,
        perceel=perceel,
        omschrijving="Twee keer per jaar een opruimdag met containers",
        geraamd_bedrag=Decimal("1200"),
    )
