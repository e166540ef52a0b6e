# The application image for compose.yaml (and any container platform).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=institute.settings.production \
    DATA_DIR=/srv/data \
    MEDIA_ROOT=/srv/media \
    STATIC_ROOT=/srv/static

WORKDIR /srv/app
# WeasyPrint draws the report and certificate PDFs with Pango; without it those URLs answer 503.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY requirements/base.lock requirements/base.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/base.lock

COPY . .
# Static files are part of the image: every web container serves the same hashed files.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --home /srv institute \
    && mkdir -p /srv/data /srv/media \
    && chown -R institute /srv/data /srv/media

USER institute
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "institute.wsgi:application"]
