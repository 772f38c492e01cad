"""Settings shared by every environment, read from environment variables.

Every variable is documented in docs/configuration.md. The defaults give the
embedded environment a newcomer gets from `make demo`: a SQLite file in the
project, Wagtail's database search backend and Celery tasks run in-process.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is optional; real deployments set the process environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = "PaN Registry"
WAGTAIL_SITE_NAME = SITE_NAME
# Absolute base URL used in emails, feeds, badges and exported metadata.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Where the source code lives, shown in the footer.
SOURCE_CODE_URL = env("SOURCE_CODE_URL", default="")

INSTALLED_APPS = [
    "registry.core",
    "registry.facilities",
    "registry.collaborations",
    "registry.software",
    "registry.training",
    "registry.events",
    "registry.curation",
    "registry.partners",
    "registry.api",
    "registry.metrics",
    "registry.vocabularies",
    "harvesters",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session middleware: a cached page never touches the session.
    "registry.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "registry.urls"
WSGI_APPLICATION = "registry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "themes" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "registry.core.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL: postgres://user:pass@host:5432/name in production; the
# embedded default is a SQLite file next to manage.py.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite holds connections per thread; persistent ones only cause locks.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "themes" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: local memory by default; set CACHE_URL (e.g. redis://host:6379/1) when
# several processes serve the site, so that they share cached pages and a
# publish empties the page cache for all of them.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://pan-registry")}
# Anonymous page views are cached this long (0 switches the cache off); any
# publish or unpublish empties it. See registry/core/page_cache.py.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# Search: Wagtail's database backend unless an Elasticsearch/OpenSearch
# cluster is configured.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env(
                "ELASTICSEARCH_BACKEND", default="wagtail.search.backends.elasticsearch8"
            ),
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env("ELASTICSEARCH_INDEX", default="pan_registry"),
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Celery: without a broker, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Redis, for locks and rate-limit bookkeeping shared between workers.
REDIS_URL = env("REDIS_URL", default="")

# Harvesting: networks the safe fetcher may reach besides the public
# internet (comma-separated CIDRs; tests and private deployments only).
HARVEST_ALLOWED_NETWORKS = env.list("HARVEST_ALLOWED_NETWORKS", default=[])
# --- Harvesting: the safe fetcher (harvesters/fetch; docs/harvesting-fetch.md) ---
# Per-request bounds of every harvester HTTP call: connect timeout, wait for
# data, whole-attempt deadline (seconds); body cap (bytes, counted after
# decompression); redirect hops; attempts and exponential backoff for
# timeouts and 5xx responses.
HARVEST_CONNECT_TIMEOUT = env.float("HARVEST_CONNECT_TIMEOUT", default=5.0)
HARVEST_READ_TIMEOUT = env.float("HARVEST_READ_TIMEOUT", default=20.0)
HARVEST_TOTAL_TIMEOUT = env.float("HARVEST_TOTAL_TIMEOUT", default=60.0)
HARVEST_MAX_BYTES = env.int("HARVEST_MAX_BYTES", default=10 * 1024 * 1024)
HARVEST_MAX_REDIRECTS = env.int("HARVEST_MAX_REDIRECTS", default=5)
HARVEST_ATTEMPTS = env.int("HARVEST_ATTEMPTS", default=3)
HARVEST_BACKOFF_SECONDS = env.float("HARVEST_BACKOFF_SECONDS", default=2.0)
HARVEST_MAX_BACKOFF_SECONDS = env.float("HARVEST_MAX_BACKOFF_SECONDS", default=30.0)
# --- end of the safe fetcher block ---
# --- Curation: the link checker (registry/curation/links.py; docs/curation-stale.md) ---
# Seconds between two requests to the same host, and how many hosts are
# checked side by side (each host is always asked one URL at a time).
LINK_CHECK_HOST_DELAY = env.float("LINK_CHECK_HOST_DELAY", default=2.0)
LINK_CHECK_WORKERS = env.int("LINK_CHECK_WORKERS", default=4)
GITHUB_API_URL = env("GITHUB_API_URL", default="https://api.github.com")
GITHUB_TOKEN = env("GITHUB_TOKEN", default="")
# --- The harvest engine (harvesters/engine; docs/harvesting.md) ---
# A source failing this many runs in a row is paused until a curator resumes it.
HARVEST_PAUSE_AFTER_FAILURES = env.int("HARVEST_PAUSE_AFTER_FAILURES", default=5)
# Soft time limit of one source's harvest task (the hard limit is a minute more).
HARVEST_TASK_SOFT_TIME_LIMIT = env.int("HARVEST_TASK_SOFT_TIME_LIMIT", default=600)

# --- Repository harvesting (harvesters/repositories; docs/repository-badges.md) ---
# GITHUB_API_URL is the API of the github.com host; every other host's API URL
# and token variable are data (manage.py set_repository_host). Calls a host's
# rate-limit budget keeps in reserve (never spent by the harvester), and the
# pause PyGithub leaves between two calls (GitHub asks clients not to fire
# requests concurrently; 0 in tests).
REPOSITORY_RATE_LIMIT_RESERVE = env.int("REPOSITORY_RATE_LIMIT_RESERVE", default=10)
REPOSITORY_SECONDS_BETWEEN_REQUESTS = env.float("REPOSITORY_SECONDS_BETWEEN_REQUESTS", default=0.25)
# --- end of the repository harvesting block ---

# Software catalogue and public forms (registry/core/antispam.py): the request
# header holding the visitor's address when a proxy sets it (e.g.
# HTTP_X_REAL_IP); empty means REMOTE_ADDR. Set it only behind a proxy that
# overwrites the header, or clients could forge it.
ANTISPAM_CLIENT_IP_HEADER = env("ANTISPAM_CLIENT_IP_HEADER", default="")

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PaN Registry <registry@localhost>")

# --- Partner submissions and the write API (registry/partners, registry/api; docs/partners.md) ---
# Partners sign in with a user name and password on the site (/accounts/login/).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/submit/"
LOGOUT_REDIRECT_URL = "/"
# Requests one API token may make (DRF rate: "<n>/second|minute|hour|day").
API_RATE = env("API_RATE", default="120/minute")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Tokens only: no session (and so no CSRF) on the write API.
    "DEFAULT_AUTHENTICATION_CLASSES": ["registry.api.authentication.WagtailTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["registry.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PaN Registry API",
    "DESCRIPTION": "Write API of the PaN Registry for partner facilities: create and update "
    "software, training material and events as drafts a curator reviews. Authenticate with "
    "`Authorization: Token <key>` (docs/partners.md).",
    "VERSION": "1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema covers /api/ only; generating it during `check --deploy`
    # would walk Wagtail's admin API views too.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip", "ipynb"]
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail's background tasks run in-process and log every step at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Static files come from the finders in development and tests (no collectstatic
# needed); production serves the collected, hashed files.
WHITENOISE_USE_FINDERS = True

# --- Training catalogue (registry/training, docs/training.md) ---
# Months after a curator's review before a training material is due again;
# a curator may still pick another date per material. A project policy, not
# a deployment choice, so it is a plain setting rather than an environment
# variable.
TRAINING_REVIEW_INTERVAL_MONTHS = 12
