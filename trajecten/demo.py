"""Demo data of phase A, built through the services, modelled on the cases in DOMAIN.md.

- Eindhoven, "Welzijn in Woensel" (WijEindhoven): published, phase A, four
  lots of about 25,000 residents, a past information session with its report,
  an upcoming deepening session, a published nota van inlichtingen, an open
  question and a correction that extended the bid deadline.
- Eindhoven, "Buurthuis De Boomgaard": published, its committee is at work
  (phase C).
- Eindhoven, "Jongerenwerk Woensel-Noord": a draft, only the task filled in.
- Zwolle, "Dagbesteding voor dak- en thuislozen": a subsidy tender written
  with the field, one general and two deepening sessions (phase B).
- Zwolle, "Groen en schoon in Holtenbroek": residents procure themselves
  (Emmen's burgeraanbesteding), formal transfer (phase D).
- Eindhoven, "Huiskamer van de wijk Doornakkers": a covenant with a
  residents' initiative, evaluation (phase E).
- A right-to-challenge proposal waiting for an answer in Eindhoven.
- Eindhoven, "Samen eten in Tongelre": a draft in consultation (issue 14, point 1) with
  reactions (one without an account, one answered) and a co-design session with a
  registration.

What lies in the past (an earlier session, older trajectories) is made at
that moment with time-machine, so that the services see the clock they would
have seen and the audit log tells a consistent story.
"""

from datetime import timedelta
from decimal import Decimal

import time_machine
from django.utils import timezone

from aanbesteden.demo import DEMO_PASSWORD, DemoLogin, _user
from aanbesteden.documents import render
from aanbesteden.models import Medewerker
from trajecten.constants import (
    Bekostiging,
    BijeenkomstSoort,
    CommissieMandaat,
    Contractvorm,
    Domein,
    Fase,
    GesprekVorm,
    Gunningswijze,
    Procedure,
    TeamRol,
    Verdeelregel,
    Vorm,
)
from trajecten.models import Traject, Uitdaging
from trajecten.routes import sectie_past
from trajecten.services import consultatie, dialoog, opstellen, publicatie, uitdaging


def _om(dagen, uur, minuut=0, *, vanaf=None):
    """`dagen` from `vanaf` (default now) at `uur`:`minuut` Dutch time."""
    basis = timezone.localtime(vanaf or timezone.now()) + timedelta(days=dagen)
    return basis.replace(hour=uur, minute=minuut, second=0, microsecond=0)


def _planning(vanaf=None, *, vragen=14, inschrijving=42):
    return {
        "vragen_sluit": _om(vragen, 12, vanaf=vanaf),
        "inschrijving_sluit": _om(inschrijving, 12, vanaf=vanaf),
        "uitwerking_sluit": _om(inschrijving + 35, 12, vanaf=vanaf),
        "beoordeling_op": _om(inschrijving + 49, 19, 30, vanaf=vanaf),
        "gunning_op": _om(inschrijving + 63, 10, vanaf=vanaf),
        "start_op": _om(inschrijving + 120, 9, vanaf=vanaf),
    }


def _vullen(
    actor,
    traject,
    *,
    wensbeeld,
    wijken,
    domein,
    kaders,
    vorm,
    percelen,
    planning,
    criteria,
    gunningswijze=Gunningswijze.KWALITEIT,
    gesprekken=None,
    extra_secties=None,
):
    opstellen.sectie_opslaan(
        actor=actor,
        traject=traject,
        sectie="opgave",
        wijzigingen={"wensbeeld": wensbeeld, "domein": domein, "nieuwe_wijken": wijken},
    )
    opstellen.sectie_opslaan(actor=actor, traject=traject, sectie="kaders", wijzigingen=kaders)
    opstellen.sectie_opslaan(actor=actor, traject=traject, sectie="vorm", wijzigingen=vorm)
    opstellen.sectie_opslaan(
        actor=actor,
        traject=traject,
        sectie="percelen",
        wijzigingen={
            "percelen": [
                {
                    "nummer": n,
                    "naam": naam,
                    "beschrijving": tekst,
                    "budget": budget,
                    # A lot named after a district lies in that district.
                    "wijken": [w for w in traject.wijken.all() if w.naam == naam],
                }
                for n, (naam, tekst, budget) in enumerate(percelen, start=1)
            ]
        },
    )
    opstellen.sectie_opslaan(actor=actor, traject=traject, sectie="planning", wijzigingen=planning)
    traject.refresh_from_db(fields=["vorm"])
    if sectie_past(traject, "gunning"):  # issue 14: not on a covenant or residents' budget
        opstellen.sectie_opslaan(
            actor=actor,
            traject=traject,
            sectie="gunning",
            wijzigingen={
                "gunningswijze": gunningswijze,
                "criteria": criteria,
                "eisen": [],
                **(gesprekken or {}),  # issue 13, rule 11: conversations announced in the call
            },
        )
    for sectie, wijzigingen in (extra_secties or {}).items():
        opstellen.sectie_opslaan(
            actor=actor, traject=traject, sectie=sectie, wijzigingen=wijzigingen
        )
    _rol_van_bewoners(actor, traject)


# Issue 14, points 2 and 9: the residents' mandate of each demo trajectory with a committee,
# and the development fee of the one awarded after two stages. {titel: (mandaat, samenstelling,
# afwijken, ontwikkelvergoeding)}.
MANDATEN = {
    "Welzijn in Woensel": (
        CommissieMandaat.BESLIST,
        "Per wijk twee bewoners, geloot uit wie zich meldde na een oproep in de wijkkrant en op "
        "de buurtavonden, en één medewerker van de gemeente voor het hele traject.",
        "",
        None,
    ),
    "Buurthuis De Boomgaard": (
        CommissieMandaat.ADVISEERT,
        "Twee bewoners van Woensel-Noord, voorgedragen door de bewonersvereniging, en één "
        "medewerker van de gemeente.",
        "Het college volgt het advies, tenzij het zwaarwegende redenen heeft. Dan legt het die "
        "eerst voor aan de commissie en daarna in het openbaar uit, op deze pagina.",
        None,
    ),
    "Ontmoeting voor ouderen in Stratum": (
        CommissieMandaat.BESLIST,
        "Twee bewoners van Stratum (één is voorzitter), gevonden via de seniorenraad en de "
        "huisarts, en één medewerker van inkoop.",
        "",
        Decimal("1500"),
    ),
}
MANDAAT_STANDAARD = (
    CommissieMandaat.ADVISEERT,
    "Drie bewoners uit het gebied, gevonden via een open oproep, en één medewerker van de "
    "gemeente.",
    "Het college legt in het openbaar uit waarom het afwijkt, en de commissie mag eerst reageren.",
    None,
)


def _rol_van_bewoners(actor, traject):
    """Issue 14, points 2 and 9: the role of residents in the choice (on a route with a
    committee) and, where the demo offers one, the development fee, before publication."""
    traject.refresh_from_db()  # the sections saved before changed its form
    if not sectie_past(traject, "bewoners"):
        return
    mandaat, samenstelling, afwijken, vergoeding = MANDATEN.get(traject.titel, MANDAAT_STANDAARD)
    opstellen.sectie_opslaan(
        actor=actor,
        traject=traject,
        sectie="bewoners",
        wijzigingen={
            "commissie_samenstelling": samenstelling,
            "commissie_mandaat": mandaat,
            "afwijken_van_advies": afwijken,
        },
    )
    if vergoeding is not None:
        opstellen.sectie_opslaan(
            actor=actor,
            traject=traject,
            sectie="planning",
            wijzigingen={"ontwikkelvergoeding": vergoeding},
        )


def _publiceren(actor, traject):
    versie = publicatie.uitvraag_concept_maken(actor=actor, traject=traject)
    render(document_id=versie.document_id)  # the demo runs in one transaction: render inline
    publicatie.traject_publiceren(actor=actor, traject=traject)
    traject.refresh_from_db()
    return traject


def _render_nieuwe_versies(traject):
    for versie in traject.uitvraagversies.select_related("document"):
        render(document_id=versie.document_id)


KWALITEIT = [
    {
        "naam": "Maatschappelijke waarde",
        "omschrijving": "Wat levert het plan op voor de mensen in de wijk?",
        "schaal_min": 1,
        "schaal_max": 10,
    },
    {
        "naam": "Draagvlak in de buurt",
        "omschrijving": "Hoe zijn bewoners betrokken bij het plan en straks bij het werk?",
        "schaal_min": 1,
        "schaal_max": 10,
    },
]

KADERS_WELZIJN = {
    "beleidskaders": "Koers Sociaal Domein Eindhoven; Operatie 3D: zorg en welzijn dichtbij.",
    "budget": Decimal("700000"),
    # Issue 13, rule 15: with the extensions the value passes the light regime's threshold.
    "verlenging_maanden": 24,
    "dienst_soort": "sociaal",
    "juridisch_kader": "Sociale en andere specifieke diensten (verlicht regime).",
    "bestaande_verplichtingen": "Het huidige contract loopt tot de start van het nieuwe werk.",
    "belangen": (
        "Bewoners willen bekende gezichten in hun buurt; de gemeente wil minder zware zorg; "
        "aanbieders willen ruimte voor eigen werkwijzen."
    ),
    "transitie": "Sociaal werkers van de huidige aanbieder krijgen voorrang bij de nieuwe.",
}


def _welzijn_woensel(beleid, inkoop_medewerker, ondernemer, bewoner, eindhoven):
    titel = "Welzijn in Woensel"
    if Traject.objects.filter(titel=titel).exists():
        return
    start = timezone.now() - timedelta(days=21)
    with time_machine.travel(start, tick=False):
        traject = opstellen.traject_aanmaken(
            actor=beleid,
            gemeente=eindhoven,
            titel=titel,
            opgave=(
                "Hoe blijven bewoners van Woensel zo lang mogelijk zelfredzaam, en vinden ze "
                "elkaar als het even niet gaat? Bewoners bepalen mee welke organisaties het "
                "welzijnswerk in hun buurt doen."
            ),
        )
        _vullen(
            beleid,
            traject,
            wensbeeld="Niemand in Woensel staat er alleen voor.",
            wijken="Woensel-Noord, Woensel-Zuid, Strijp, Tongelre",
            domein=Domein.SOCIAAL,
            kaders=KADERS_WELZIJN,
            vorm={
                "vorm": Vorm.AANBESTEDING,
                # Issue 13, rule 16: above the threshold the light regime allows an own
                # design, announced on TenderNed and described in the call.
                "procedure": Procedure.EIGEN,
                "eigen_procedure": (
                    "Eerst dient elke coalitie een bod op hoofdlijnen in. Een commissie met "
                    "een meerderheid van bewoners kiest per wijk wie het plan uitwerkt. Met "
                    "elke uitgenodigde coalitie voeren we een gesprek van een uur. Daarna "
                    "volgt de uitwerking en de gunning op kwaliteit."
                ),
                "tenderned_kenmerk": "2026-417311",
                "contractvorm": Contractvorm.RELATIONEEL,
                "bekostiging": Bekostiging.RESULTAAT,
                "contractduur_maanden": 48,
            },
            percelen=[
                ("Woensel-Noord", "Ongeveer 25.000 bewoners; veel jonge gezinnen.", 175000),
                ("Woensel-Zuid", "Ongeveer 25.000 bewoners; veel ouderen.", 175000),
                ("Strijp", "Ongeveer 25.000 bewoners; veel nieuwe Eindhovenaren.", 175000),
                ("Tongelre", "Ongeveer 25.000 bewoners; sterke buurtverenigingen.", 175000),
            ],
            planning=_planning(vragen=28, inschrijving=49),
            criteria=KWALITEIT,
        )
        opstellen.teamlid_toevoegen(
            actor=beleid, traject=traject, medewerker=inkoop_medewerker, rol=TeamRol.INKOOP
        )
        traject = _publiceren(beleid, traject)
        informatie = dialoog.bijeenkomst_plannen(
            actor=beleid,
            traject=traject,
            titel="Informatiebijeenkomst Welzijn in Woensel",
            soort=BijeenkomstSoort.INFORMATIE,
            omschrijving="Wat vragen we, hoe gaat het in zijn werk, en wie zoekt nog partners?",
            begint_op=_om(7, 19, 30, vanaf=start),
            eindigt_op=_om(7, 21, 30, vanaf=start),
            locatie="Wijkcentrum De Boomgaard, Boomgaardlaan 1, Eindhoven",
            capaciteit=80,
            max_per_organisatie=3,
        )
        dialoog.aanmelden(
            bijeenkomst=informatie,
            naam=ondernemer.naam,
            email=ondernemer.email,
            organisatie="Buurtkracht Woensel",
            user=ondernemer,
        )
        zonder_account = dialoog.aanmelden(
            bijeenkomst=informatie,
            naam="Fatima El Amrani",
            email="fatima@bewonersgroep.demo",
            organisatie="Bewonersgroep Vlierstraat",
        )
        # Registered without an account: she opened the link in the mail.
        dialoog.aanmelding_bevestigen(token=zonder_account.token)
        vraag = dialoog.vraag_stellen(
            actor=ondernemer,
            traject=traject,
            tekst="Mogen bewonersgroepen zonder rechtsvorm deel uitmaken van een coalitie?",
        )
    with time_machine.travel(start + timedelta(days=9), tick=False):
        dialoog.verslag_publiceren(
            actor=beleid,
            bijeenkomst=informatie,
            verslag=(
                "Er waren 46 mensen, van 19 organisaties en bewonersgroepen. Vragen gingen over "
                "de percelen, het budget per wijk en hoe bewoners in de commissie komen. Drie "
                "groepjes spraken af samen verder te praten over een coalitie."
            ),
        )
        dialoog.vraag_beantwoorden(
            actor=beleid,
            vraag=vraag,
            antwoord=(
                "Ja. Een rechtsvorm is niet nodig om deel te nemen aan een coalitie. De "
                "penvoerder sluit de overeenkomst met de gemeente."
            ),
        )
        dialoog.nota_publiceren(actor=beleid, traject=traject)
        _render_nieuwe_versies(traject)
    # Today: a deepening session ahead, a question waiting, a follower, and a correction.
    dialoog.bijeenkomst_plannen(
        actor=beleid,
        traject=traject,
        titel="Verdiepingsbijeenkomst: bewoners in de selectiecommissie",
        soort=BijeenkomstSoort.VERDIEPING,
        begint_op=_om(6, 15),
        eindigt_op=_om(6, 17),
        online_link="https://meet.example.org/welzijn-woensel",
        capaciteit=40,
    )
    dialoog.vraag_stellen(
        actor=ondernemer,
        traject=traject,
        tekst="Telt vrijwilligerswerk mee in de begroting als eigen bijdrage?",
    )
    publicatie.traject_volgen(actor=ondernemer, traject=traject)
    publicatie.traject_volgen(actor=bewoner, traject=traject)
    traject.refresh_from_db()
    opstellen.sectie_opslaan(
        actor=beleid,
        traject=traject,
        sectie="planning",
        wijzigingen={
            "inschrijving_sluit": traject.inschrijving_sluit + timedelta(days=7),
            "uitwerking_sluit": traject.uitwerking_sluit + timedelta(days=7),
        },
        reden=(
            "Op verzoek van kleine partijen: een week extra om coalities te vormen na de "
            "informatiebijeenkomst."
        ),
    )
    _render_nieuwe_versies(traject)


VERTEGENWOORDIGER_HOLTENBROEK = "vertegenwoordiger@holtenbroek.demo"


def _buurtbudget_holtenbroek(actor, traject, bewoner):
    """Issue 14, burgeraanbesteding (Emmen's way): the district budget of Holtenbroek with
    its spending rules and two representatives, printed in the call."""
    rosa = _user(VERTEGENWOORDIGER_HOLTENBROEK, "Rosa Holtenbroek")
    perceel = traject.percelen.get()
    opstellen.sectie_opslaan(
        actor=actor,
        traject=traject,
        sectie="buurtbudget",
        wijzigingen={
            "besteding": (
                "Groenonderhoud, zwerfafval opruimen, bloembakken en kleine klussen in de "
                "openbare ruimte van Holtenbroek I en II."
            ),
            "offerte_drempel": Decimal("5000"),
            "offertes_boven": 3,
            "offertes_onder": 1,
            "minder_offertes_met_reden": True,
            "max_zonder_goedkeuring": Decimal("15000"),
            "overhevelen": True,
            "belangenregel": "Meld een belang voordat u offertes vraagt, zoals in Emmen.",
            "vertegenwoordigers": [
                {
                    "perceel": perceel.pk,
                    "email": rosa.email,
                    "hoe_gekozen": "Gekozen door de wijkraad Holtenbroek, voor twee jaar.",
                },
                {
                    "perceel": perceel.pk,
                    "email": bewoner.email,
                    "hoe_gekozen": "Aangemeld op de bewonersavond en door loting gekozen.",
                },
            ],
        },
    )


def _eenvoudig(
    actor,
    gemeente,
    titel,
    opgave,
    *,
    wensbeeld,
    wijken,
    vorm,
    percelen,
    fase,
    dagen_geleden=0,
    budget=None,
    geen_plafond=False,
    bijeenkomsten=(),
    criteria=None,
    gunningswijze=Gunningswijze.KWALITEIT,
    gesprekken=None,
    extra_secties=None,
    voor_publicatie=None,
):
    if Traject.objects.filter(titel=titel).exists():
        return Traject.objects.get(titel=titel)
    moment = timezone.now() - timedelta(days=dagen_geleden)
    with time_machine.travel(moment, tick=False):
        traject = opstellen.traject_aanmaken(
            actor=actor, gemeente=gemeente, titel=titel, opgave=opgave
        )
        _vullen(
            actor,
            traject,
            wensbeeld=wensbeeld,
            wijken=wijken,
            domein=Domein.SOCIAAL,
            kaders={
                "beleidskaders": "Omgevingsvisie en Koers Sociaal Domein.",
                "budget": budget,
                "geen_budgetplafond": geen_plafond,
                "juridisch_kader": "",
            },
            vorm=vorm,
            percelen=percelen,
            planning=_planning(moment, vragen=14, inschrijving=35),
            criteria=criteria or KWALITEIT,
            gunningswijze=gunningswijze,
            gesprekken=gesprekken,
            extra_secties=extra_secties,
        )
        if voor_publicatie is not None:
            voor_publicatie(actor, traject)
        traject = _publiceren(actor, traject)
        for titel_b, soort, dagen in bijeenkomsten:
            dialoog.bijeenkomst_plannen(
                actor=actor,
                traject=traject,
                titel=titel_b,
                soort=soort,
                begint_op=_om(dagen, 19, vanaf=moment),
                eindigt_op=_om(dagen, 21, vanaf=moment),
                locatie="Stadskantoor, Lübeckplein 2, Zwolle",
                capaciteit=60,
            )
    if fase != Fase.A:
        opstellen.fase_wijzigen(actor=actor, traject=traject, fase=fase)
    return traject


def _subsidie_uitvraag(zwolle_beleid, zwolle):
    """Issue 14, point 10: a subsidy tender (Awb title 4.2) with its ceiling and its
    distribution rule, published in the call with the decision term of the gemeente."""
    return _eenvoudig(
        zwolle_beleid,
        zwolle,
        "Dagbesteding voor dak- en thuislozen",
        (
            "Hoe krijgen dak- en thuisloze Zwollenaren een zinvolle dag, met werk, ontmoeting "
            "en een stap naar meer zelfstandigheid? Geen dagbesteding, maar dagactivering."
        ),
        wensbeeld="Dak- en thuislozen doen mee in de stad: met scholing, werk en een plek.",
        wijken="Binnenstad, Diezerpoort",
        vorm={
            "vorm": Vorm.SUBSIDIE,
            "bekostiging": Bekostiging.COMBINATIE,
            "contractduur_maanden": 36,
        },
        percelen=[("Dagactivering", "Werk, scholing en ontmoeting voor de hele doelgroep.", None)],
        geen_plafond=True,
        fase=Fase.B,
        bijeenkomsten=[
            ("Algemene informatiebijeenkomst", BijeenkomstSoort.INFORMATIE, 5),
            ("Verdieping: werk en scholing", BijeenkomstSoort.VERDIEPING, 9),
            ("Verdieping: samen met de doelgroep", BijeenkomstSoort.DOELGROEP, 12),
        ],
        extra_secties={
            "subsidie": {
                "subsidieplafond": Decimal("240000"),
                "verdeelregel": Verdeelregel.RANGSCHIKKING,
            }
        },
    )


def build(*, beleid, inkoop, zwolle_beleid, eindhoven, zwolle, ondernemer, bewoner):
    """Phase A demo content; returns the trajectory the committee works on."""
    inkoop_medewerker = Medewerker.objects.get(user=inkoop, gemeente=eindhoven)
    _welzijn_woensel(beleid, inkoop_medewerker, ondernemer, bewoner, eindhoven)

    buurthuis = _eenvoudig(
        beleid,
        eindhoven,
        "Buurthuis De Boomgaard",
        (
            "Hoe wordt De Boomgaard weer een huis van en voor de buurt, waar bewoners elkaar "
            "ontmoeten en zelf activiteiten organiseren?"
        ),
        wensbeeld="Een buurthuis dat van de buurt is: open, levendig en door bewoners gedragen.",
        wijken="Woensel-Noord",
        vorm={
            "vorm": Vorm.AANBESTEDING,
            "procedure": Procedure.MEERVOUDIG_ONDERHANDS,
            "contractvorm": Contractvorm.RELATIONEEL,
            "bekostiging": Bekostiging.BESCHIKBAARHEID,
            "contractduur_maanden": 36,
        },
        percelen=[("Buurthuis De Boomgaard", "Beheer en programma van het buurthuis.", 150000)],
        budget=Decimal("150000"),
        fase=Fase.C,
        dagen_geleden=50,
    )
    # Awarded after two stages (beoordeling.demo fills the bids, the committee, the
    # consensus and the award); weighted criteria without price, so totals show.
    _eenvoudig(
        beleid,
        eindhoven,
        "Ontmoeting voor ouderen in Stratum",
        (
            "Hoe komen ouderen in Stratum die alleen wonen vaker onder de mensen, dicht bij "
            "huis en samen met hun buren?"
        ),
        wensbeeld="Geen oudere in Stratum zit ongewild alleen: elke dag is er een plek.",
        wijken="Stratum",
        vorm={
            "vorm": Vorm.AANBESTEDING,
            "procedure": Procedure.MEERVOUDIG_ONDERHANDS,
            "contractvorm": Contractvorm.RELATIONEEL,
            "bekostiging": Bekostiging.BESCHIKBAARHEID,
            "contractduur_maanden": 48,
        },
        percelen=[("Ontmoeting Stratum", "Inloop, maaltijden en vervoer voor ouderen.", 120000)],
        budget=Decimal("120000"),
        fase=Fase.C,
        dagen_geleden=95,
        criteria=[
            {**KWALITEIT[0], "weging": 60},
            {**KWALITEIT[1], "weging": 40},
        ],
        gunningswijze=Gunningswijze.GEWOGEN_ZONDER_PRIJS,
        gesprekken={
            "bodgesprekken": True,
            "gesprek_vorm": GesprekVorm.OP_LOCATIE,
            "gesprek_duur_minuten": 45,
        },
    )
    if not Traject.objects.filter(titel="Jongerenwerk Woensel-Noord").exists():
        opstellen.traject_aanmaken(
            actor=beleid,
            gemeente=eindhoven,
            titel="Jongerenwerk Woensel-Noord",
            opgave="Hoe vinden jongeren in Woensel-Noord hun plek, samen met hun buurt?",
        )
    _subsidie_uitvraag(zwolle_beleid, zwolle)
    _eenvoudig(
        zwolle_beleid,
        zwolle,
        "Groen en schoon in Holtenbroek",
        "Hoe houden bewoners van Holtenbroek hun groen en straten zelf mooi en schoon?",
        wensbeeld="Bewoners beheren hun eigen buurtgroen, met budget en zeggenschap.",
        wijken="Holtenbroek",
        vorm={
            "vorm": Vorm.BURGERAANBESTEDING,
            "contractvorm": Contractvorm.KLASSIEK,
            "bekostiging": Bekostiging.BESCHIKBAARHEID,
            "contractduur_maanden": 24,
        },
        percelen=[("Holtenbroek I en II", "Groenonderhoud en zwerfafval.", 85000)],
        budget=Decimal("85000"),
        fase=Fase.D,
        dagen_geleden=150,
        voor_publicatie=lambda actor, traject: _buurtbudget_holtenbroek(actor, traject, bewoner),
    )
    _eenvoudig(
        beleid,
        eindhoven,
        "Huiskamer van de wijk Doornakkers",
        "Hoe houden bewoners van Doornakkers hun huiskamer van de wijk open en van iedereen?",
        wensbeeld="Een warme plek waar iedereen binnen kan lopen.",
        wijken="Doornakkers",
        vorm={
            "vorm": Vorm.CONVENANT,
            "contractvorm": Contractvorm.RELATIONEEL,
            "bekostiging": Bekostiging.BESCHIKBAARHEID,
            "contractduur_maanden": 48,
        },
        percelen=[("Huiskamer", "Open inloop, maaltijden en activiteiten.", 60000)],
        budget=Decimal("60000"),
        fase=Fase.E,
        dagen_geleden=400,
    )
    _schetsvragen(beleid)
    if not Uitdaging.objects.exists():
        uitdaging.uitdaging_indienen(
            actor=ondernemer,
            gemeente=eindhoven,
            titel="Beheer van de buurttuin aan de Vlierstraat",
            wat="Wij willen de buurttuin zelf beheren en er elke week een moestuinochtend houden.",
            waar="Woensel-Noord",
            waarom="Wij wonen ernaast, zien wat nodig is en hebben twaalf vrijwilligers.",
            wie="Buurtkracht Woensel, een sociale onderneming, met bewonersgroep Vlierstraat.",
            nodig="Het onderhoudsbudget van de gemeente voor de tuin en een sleutel van het hek.",
        )
    _consultatie_demo(beleid, eindhoven, ondernemer, bewoner)
    return buurthuis


def _schetsvragen(beleid):
    """Issue 14, point 4: the draft call for youth work asks two questions of its own in
    the outline bid."""
    traject = Traject.objects.filter(titel="Jongerenwerk Woensel-Noord").first()
    if traject is None or traject.schetsvragen.exists():
        return
    opstellen.sectie_opslaan(
        actor=beleid,
        traject=traject,
        sectie="schetsvragen",
        wijzigingen={
            "schetsvragen": [
                {
                    "vraag": "Welke jongeren uit Woensel-Noord denken mee over uw plan?",
                    "toelichting": "Noem hoe u ze hebt gevonden. Een paar zinnen is genoeg.",
                },
                {
                    "vraag": "Hoe begint u klein, in de eerste drie maanden?",
                    "toelichting": "",
                },
            ]
        },
    )


CONSULTATIE_TITEL = "Samen eten in Tongelre"


def _consultatie_demo(beleid, eindhoven, ondernemer, bewoner):
    """Issue 14, point 1: a draft in consultation, with reactions and a co-design session."""
    if Traject.objects.filter(titel=CONSULTATIE_TITEL).exists():
        return
    traject = opstellen.traject_aanmaken(
        actor=beleid,
        gemeente=eindhoven,
        titel=CONSULTATIE_TITEL,
        opgave=(
            "Hoe eten bewoners van Tongelre die alleen wonen vaker samen, dicht bij huis en "
            "met hulp van hun buren?"
        ),
    )
    _vullen(
        beleid,
        traject,
        wensbeeld="Elke avond een tafel in de wijk waar iemand voor u kookt en met u eet.",
        wijken="Tongelre",
        domein=Domein.SOCIAAL,
        kaders={
            "beleidskaders": "Koers Sociaal Domein en de Eindhovense Voedselstrategie.",
            "budget": Decimal("90000"),
            "geen_budgetplafond": False,
            "juridisch_kader": "",
        },
        vorm={
            "vorm": Vorm.AANBESTEDING,
            "procedure": Procedure.MEERVOUDIG_ONDERHANDS,
            "contractvorm": Contractvorm.RELATIONEEL,
            "bekostiging": Bekostiging.BESCHIKBAARHEID,
            "contractduur_maanden": 36,
        },
        percelen=[("Tongelre", "Vier kooktafels per week in buurthuizen en kerken.", 90000)],
        planning=_planning(vragen=45, inschrijving=70),
        criteria=KWALITEIT,
    )
    consultatie.consultatie_openen(
        actor=beleid,
        traject=traject,
        sluit_op=_om(21, 17),
        gevraagd=(
            "Is de opgave herkenbaar? Is één perceel goed, of liever per buurt? Is het "
            "budget genoeg voor vier tafels per week?"
        ),
        marktconsultatie_kenmerk="TN-2026-0412",
    )
    dialoog.bijeenkomst_plannen(
        actor=beleid,
        traject=traject,
        titel="Ontwerpsessie: de kooktafel van Tongelre",
        soort=BijeenkomstSoort.ONTWERP,
        begint_op=_om(10, 19),
        eindigt_op=_om(10, 21),
        locatie="Buurthuis Het Klooster, Tongelresestraat 100, Eindhoven",
        capaciteit=30,
    )
    sessie = traject.bijeenkomsten.get()
    dialoog.aanmelden(bijeenkomst=sessie, naam=ondernemer.naam, email="", user=ondernemer)
    consultatie.reageren(
        traject=traject,
        sectie="percelen",
        tekst="Maak liever een perceel per buurt: dan kunnen kleine kerken en clubs meedoen.",
        user=ondernemer,
    )
    beantwoord = consultatie.reageren(
        traject=traject,
        sectie="kaders",
        tekst="Vier tafels per week met dit budget is krap als er ook vervoer nodig is.",
        user=bewoner,
    )
    consultatie.reactie_beantwoorden(
        actor=beleid,
        reactie=beantwoord,
        antwoord="Vervoer naar de tafel telt mee in het budget; we verhogen het niet.",
        overgenomen="deels",
        waarom="Het budget ligt vast in de begroting; vervoer mag wel uit het budget.",
    )
    zonder_account = consultatie.reageren(
        traject=traject,
        sectie="opgave",
        tekst="Denk ook aan mensen die niet alleen wonen maar wel eenzaam zijn.",
        naam="Mevrouw Van Dijk",
        email="a.vandijk@example.nl",
    )
    consultatie.reactie_bevestigen(token=zonder_account.token)


def demo_bijdrage(ctx):
    """trajecten's part of the demo (aanbesteden.extensions.DEMO): puts the trajectory the
    committee works on in the context as `buurthuis`."""
    ctx["buurthuis"] = build(
        beleid=ctx["beleid"],
        inkoop=ctx["inkoop"],
        zwolle_beleid=ctx["zwolle_beleid"],
        eindhoven=ctx["eindhoven"],
        zwolle=ctx["zwolle"],
        ondernemer=ctx["ondernemer"],
        bewoner=ctx["bewoner"],
    )
    # Issue 14, burgeraanbesteding: log in as a representative of Holtenbroek.
    return [
        DemoLogin(
            "vertegenwoordiger bewonersbudget Holtenbroek",
            VERTEGENWOORDIGER_HOLTENBROEK,
            DEMO_PASSWORD,
        )
    ]
