"""docker-compose.yml and the Dockerfile describe a complete, self-checking stack.

Plain file checks: no Django, no database, no Docker needed.
"""

import re
import shlex
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"

APP_SERVICES = ("web", "worker", "beat")
ALL_SERVICES = ("web", "worker", "beat", "db", "redis", "mailpit")

_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*))?\}")


def interpolate(value):
    """Compose's `${NAME:-default}` with nothing set in the environment, and `$$` -> `$`."""
    value = _VARIABLE.sub(lambda m: m.group("default") or "", str(value))
    return value.replace("$$", "$")


def load_compose():
    assert COMPOSE_FILE.is_file(), "docker-compose.yml is missing"
    data = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(data, dict), "docker-compose.yml is not a mapping"
    services = data.get("services")
    assert isinstance(services, dict) and services, "docker-compose.yml has no services"
    return data


@pytest.fixture(scope="module")
def compose():
    return load_compose()


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def command_words(service):
    command = service.get("command")
    assert command, "service has no command"
    if isinstance(command, str):
        words = shlex.split(command)
    else:
        words = [str(word) for word in command]
    # `sh -c "a && b"`: look inside the script too.
    if len(words) >= 3 and words[0] in {"sh", "bash", "/bin/sh", "/bin/bash"} and "-c" in words:
        script = words[words.index("-c") + 1]
        words = words + shlex.split(script.replace("&&", " && "))
    return words


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: interpolate(value) for key, value in env.items()}


def follows(words, first, then):
    """`first` occurs, and `then` occurs somewhere after it."""
    if first not in words:
        return False
    return then in words[words.index(first) + 1 :]


def test_all_services_are_there(services):
    missing = [name for name in ALL_SERVICES if name not in services]
    assert not missing, f"missing services: {missing}"


def test_db_is_postgres(services):
    assert str(services["db"].get("image", "")).startswith("postgres:")


def test_redis_is_redis(services):
    assert str(services["redis"].get("image", "")).startswith("redis:")


def test_there_is_a_mail_catcher(services):
    assert "mailpit" in str(services["mailpit"].get("image", ""))


def test_web_runs_gunicorn_after_migrate(services):
    words = command_words(services["web"])
    assert "gunicorn" in words
    assert "aanbesteden.wsgi:application" in words
    assert follows(words, "migrate", "gunicorn"), "web must run migrate before gunicorn"


def test_worker_runs_celery_worker(services):
    words = command_words(services["worker"])
    assert follows(words, "celery", "worker")
    assert "aanbesteden" in words


def test_beat_runs_celery_beat(services):
    words = command_words(services["beat"])
    assert follows(words, "celery", "beat")
    assert "aanbesteden" in words


@pytest.mark.parametrize("name", ALL_SERVICES)
def test_every_service_has_a_healthcheck(services, name):
    healthcheck = services[name].get("healthcheck")
    assert isinstance(healthcheck, dict), f"{name} has no healthcheck"
    assert not healthcheck.get("disable"), f"{name} disables its healthcheck"
    test = healthcheck.get("test")
    assert test, f"{name}'s healthcheck has no test"
    if isinstance(test, list):
        assert test[0] in {"CMD", "CMD-SHELL"} and len(test) > 1, f"{name}: bad test {test}"
    else:
        assert str(test).strip() and str(test).strip() != "NONE"


def test_healthchecks_check_the_right_thing(services):
    def text(name):
        test = services[name]["healthcheck"]["test"]
        return " ".join(test) if isinstance(test, list) else str(test)

    assert "/health/" in text("web")
    assert "inspect ping" in text("worker") and "celery@" in text("worker")
    assert "beat" in text("beat")
    assert "pg_isready" in text("db")
    assert "ping" in text("redis")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_and_redis(services, name):
    depends_on = services[name].get("depends_on")
    assert isinstance(depends_on, dict), f"{name}: depends_on must name conditions"
    for dependency in ("db", "redis"):
        assert dependency in depends_on, f"{name} does not depend on {dependency}"
        condition = (depends_on[dependency] or {}).get("condition")
        assert condition == "service_healthy", f"{name} -> {dependency}: {condition}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_use_the_compose_db_and_redis(services, name):
    env = environment(services[name])
    database = urlparse(env.get("DATABASE_URL", ""))
    assert database.scheme in {"postgres", "postgresql", "pgsql"}, env.get("DATABASE_URL")
    assert database.hostname == "db"
    redis = urlparse(env.get("REDIS_URL", ""))
    assert redis.scheme == "redis", env.get("REDIS_URL")
    assert redis.hostname == "redis"
    assert env.get("DJANGO_SETTINGS_MODULE") == "aanbesteden.settings.production"
    assert env.get("EMAIL_HOST") == "mailpit"
    assert str(env.get("EMAIL_PORT")) == "1025"
    # No default key in the file: production.py refuses known and weak keys, so compose
    # insists that .env sets one (`${SECRET_KEY:?message}`).
    secret_key = services[name]["environment"]["SECRET_KEY"]
    assert secret_key.startswith("${SECRET_KEY:?"), f"{name}: {secret_key}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_share_one_build(services, name):
    assert services[name].get("build"), f"{name} is not built from the Dockerfile"
    assert services[name].get("image") == services["web"].get("image")


def test_data_lives_in_named_volumes(compose, services):
    declared = compose.get("volumes") or {}

    def named_volume_at(service, target):
        for volume in services[service].get("volumes") or []:
            if isinstance(volume, str):
                source, _, rest = volume.partition(":")
                mount = rest.split(":")[0]
            else:
                source, mount = volume.get("source"), volume.get("target")
            if mount == target and source in declared:
                return True
        return False

    assert named_volume_at("db", "/var/lib/postgresql/data")
    assert named_volume_at("web", "/app/media")


def test_dockerfile_installs_the_lock_file():
    assert DOCKERFILE.is_file(), "Dockerfile is missing"
    # Join continuation lines so that one instruction is one line.
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    instructions = [line.strip() for line in text.splitlines() if line.strip()]
    instructions = [line for line in instructions if not line.startswith("#")]
    assert instructions[0].upper().startswith("FROM PYTHON:3.11")
    assert any(
        line.upper().startswith("COPY") and "requirements.lock" in line for line in instructions
    ), "Dockerfile does not copy requirements.lock"
    assert any(
        line.upper().startswith("RUN")
        and re.search(r"pip install (.* )?-r requirements\.lock", line)
        for line in instructions
    ), "Dockerfile does not pip install -r requirements.lock"
    assert any(line.upper().startswith("RUN") and "npm ci" in line for line in instructions)
    assert any("collectstatic" in line for line in instructions)
    assert any("compilemessages" in line for line in instructions)
    assert any(line.upper().startswith("USER") and "root" not in line for line in instructions)
    assert any(line.upper().startswith("CMD") and "gunicorn" in line for line in instructions)
