# One image for the web server, the Celery worker and Celery beat.
#
#   docker build -t aanbesteden .
#
# The build context must leave out secrets and local state: a .dockerignore
# with at least .env, .git, .venv, node_modules, db.sqlite3, media, staticfiles
# and .test-media keeps .env out of the image, keeps the image small and makes
# sure node_modules comes from `npm ci` below.

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# nodejs/npm: the pinned front-end packages (package-lock.json).
# gettext: compilemessages.
# pango, harfbuzz-subset and fonts: WeasyPrint renders the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        nodejs \
        npm \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Python dependencies, exactly as locked.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# Front-end packages, exactly as locked.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .

ENV DJANGO_SETTINGS_MODULE=aanbesteden.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    WEB_CONCURRENCY=3

# Static files are collected with the production storage (hashed names and a
# manifest). Production settings refuse to load without these three
# variables, so the build gets throwaway values that never reach a container
# (a random key: production refuses short or known ones).
# compilemessages needs a locale/ directory, which git does not keep while empty.
RUN export SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    && DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    REDIS_URL=redis://127.0.0.1:6379/0 \
    python manage.py collectstatic --noinput \
    && mkdir -p locale \
    && DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    REDIS_URL=redis://127.0.0.1:6379/0 \
    python manage.py compilemessages --ignore=node_modules --ignore=.venv

# Run as an unprivileged user; only the media directory is writable.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --no-create-home app \
    && mkdir -p /app/media \
    && chown app:app /app/media
USER app

EXPOSE 8000

# Migrations are not run here: docker-compose.yml runs `migrate` before the
# web server starts, and an upgrade runs it before traffic is switched.
CMD ["gunicorn", "aanbesteden.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", \
     "--error-logfile", "-", \
     "--timeout", "60"]
