"""Scaffolding for the role-matrix tests: which status code does each role get on a page?

A matrix test builds `{rol: status}` for what it got and compares it with `verwacht_per_rol(...)`,
so one failing assertion shows every role that differs.
"""

LOGIN = "login"  # an anonymous visitor is sent to the login page

# The roles around a coalition (coalities.tests.test_coalitie_pages and the bid pages).
COALITIE_ROLLEN = [
    "anoniem",
    "burger",
    "a_beheerder",
    "a_lid",
    "b_beheerder",
    "b_lid",
    "c_beheerder",
    "e_beheerder",
    "medewerker",
    "andere",
]

# The roles around an assessment committee (the committee and consensus pages).
COMMISSIE_ROLLEN = [
    "anoniem",
    "burger",
    "bieder",
    "lid",
    "voorzitter",
    "lid_ander_traject",
    "medewerker",
    "medewerker_andere_gemeente",
    "beheerder",
]


def response_status(response):
    """The status code, or LOGIN for a redirect to the login page."""
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def get_als(client, user, url):
    """GET `url` as `user` (None: anonymous)."""
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def status_als(client, user, url):
    return response_status(get_als(client, user, url))


def verwacht_per_rol(rollen, standaard=404, **uitzonderingen):
    """Every role gets `standaard` and an anonymous visitor the login page, but `uitzonderingen`."""
    uit = dict.fromkeys(rollen, standaard)
    uit["anoniem"] = LOGIN
    uit.update(uitzonderingen)
    return uit
