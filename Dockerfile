# syntax=docker/dockerfile:1
# check=skip=SecretsUsedInArgOrEnv
#
# Production image for Thaw. One image serves every role; docker-compose.yml
# picks the role with `command`: gunicorn (the default below), a Celery worker,
# Celery beat, or a one-shot `manage.py migrate`.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON=/usr/local/bin/python3.12 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    PATH=/app/.venv/bin:$PATH

# Every "day" is computed in the user's IANA time zone: keep the system zone
# database in the image (slim images do not promise it). Pango, HarfBuzz and a font:
# WeasyPrint draws the therapist's PDF with them (the slim image has none of them).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir "uv==0.13.9"

RUN groupadd --system thaw \
    && useradd --system --gid thaw --home-dir /app --no-create-home --shell /usr/sbin/nologin thaw

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project

COPY . .

# collectstatic reads the production settings, which insist on these three;
# nothing here connects to the database. Build args only: they are not kept in
# the image's environment, and the real values come from the runtime environment.
ARG SECRET_KEY=collectstatic-only-not-a-real-key
ARG DATABASE_URL=postgres://build:build@127.0.0.1:5432/build
ARG SITE_URL=http://localhost:8000
RUN THAW_ENV=production SECRET_KEY="$SECRET_KEY" DATABASE_URL="$DATABASE_URL" SITE_URL="$SITE_URL" \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var \
    && chown -R thaw:thaw /app/var

USER thaw

ENV THAW_ENV=production

EXPOSE 8000

# Bind, workers and an access log without query strings, user agents or tokens (share, sign-up, reset,
# unsubscribe links are written as [token]) are in selfcare/gunicorn.conf.py. gunicorn reads
# ./gunicorn.conf.py only from the working directory, so the file is named here and in
# docker-compose.yml; Django's logging configuration redacts tokens even without it.
CMD ["gunicorn", "-c", "selfcare/gunicorn.conf.py", "selfcare.wsgi:application"]
