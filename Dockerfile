# samarbeid serve as a container (docs/deploy.md): the browser version and the workshop rooms, for an
# organisation that runs it as a service. Build: docker build -t samarbeid .
#
# It runs as a user of its own (not root), with a read-only root file system: what it writes goes to
# /data (a volume: the SQLite database, the rule base's snapshot in /data/cache), or with
# SAMARBEID_DATABASE_URL to PostgreSQL. Configured by SAMARBEID_* variables only
# (docs/robustness-and-security.md lists them all).

# An official slim Python, pinned by tag (the Python the project is tested on)
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- the build: samarbeid and its dependencies at the versions in requirements.lock, into a venv
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml requirements.lock README.md questions.yaml ./
COPY rules ./rules
COPY assistant ./assistant
# the runtime dependencies only (the lock is a constraints file: its development tools are not installed);
# a wheel, not an editable install: the rule base goes inside the package (assistant/_data)
RUN python -m venv /opt/samarbeid \
 && /opt/samarbeid/bin/pip install --constraint requirements.lock . \
 && /opt/samarbeid/bin/pip uninstall --yes pip \
 && /opt/samarbeid/bin/samarbeid check

# --- the image: the venv, a user of its own, nothing else
FROM ${PYTHON_IMAGE}
RUN groupadd --system --gid 10001 samarbeid \
 && useradd --system --uid 10001 --gid samarbeid --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin samarbeid \
 && mkdir /data && chown samarbeid:samarbeid /data && chmod 0700 /data
COPY --from=build /opt/samarbeid /opt/samarbeid
ENV PATH=/opt/samarbeid/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SAMARBEID_DATA_DIR=/data
VOLUME /data
WORKDIR /opt/samarbeid
# numeric, so that Kubernetes' runAsNonRoot can see it is not root
USER 10001:10001
EXPOSE 8000
# ready when the rule base is loaded and the database answers (Python's own urllib: the slim image has no curl)
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/internal/isready', timeout=4)"]
# 0.0.0.0 inside the container: its own network is the boundary, and only the published port (or the
# Service) reaches it. The names the server answers to beyond its own addresses: SAMARBEID_ALLOWED_HOSTS.
# Behind a reverse proxy add --proxy with its address, so that X-Forwarded-* from it is believed.
CMD ["samarbeid", "serve", "--host", "0.0.0.0", "--port", "8000"]
