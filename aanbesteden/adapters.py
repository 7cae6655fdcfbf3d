from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are open to anyone: residents, entrepreneurs and officers alike.

    Roles are not chosen at sign-up; they come from the rows that give them
    (an officer is added by a colleague or the platform administrator).
    """

    def is_open_for_signup(self, request):
        return True
