from aanbesteden.selectors import ongelezen_aantal


def platform(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ongelezen_aantal": 0}
    return {"ongelezen_aantal": ongelezen_aantal(user)}
