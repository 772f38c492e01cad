"""Settings come from environment variables with safe defaults, in a fresh process each time."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as project_settings

BASE_DIR = Path(project_settings.BASE_DIR)
# Every variable the settings read; cleared so the machine's own values do not leak in.
VARIABLES = [
    "DATABASE_URL", "DATABASE_CONN_MAX_AGE", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND",
    "ELASTICSEARCH_URL", "ELASTICSEARCH_BACKEND", "ELASTICSEARCH_INDEX", "SECRET_KEY",
    "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DEBUG", "SITE_URL", "SOURCE_CODE_URL", "CACHE_URL",
    "PAGE_CACHE_SECONDS", "REDIS_URL", "TIME_ZONE", "STATIC_ROOT", "MEDIA_ROOT", "LOG_LEVEL",
    "EMAIL_BACKEND", "DEFAULT_FROM_EMAIL", "HARVEST_ALLOWED_NETWORKS", "GITHUB_API_URL",
    "GITHUB_TOKEN", "CELERY_TASK_TIME_LIMIT", "CELERY_TASK_SOFT_TIME_LIMIT",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "HARVEST_CONNECT_TIMEOUT", "HARVEST_READ_TIMEOUT",
    "HARVEST_TOTAL_TIMEOUT", "HARVEST_MAX_BYTES", "HARVEST_MAX_REDIRECTS", "HARVEST_ATTEMPTS",
    "HARVEST_BACKOFF_SECONDS", "HARVEST_MAX_BACKOFF_SECONDS", "ANTISPAM_CLIENT_IP_HEADER",
    "REPOSITORY_RATE_LIMIT_RESERVE", "REPOSITORY_SECONDS_BETWEEN_REQUESTS", "API_RATE",
    "HARVEST_PAUSE_AFTER_FAILURES", "HARVEST_TASK_SOFT_TIME_LIMIT",
    "LINK_CHECK_HOST_DELAY", "LINK_CHECK_WORKERS",
]  # fmt: skip

PROBE = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "db_engine": db["ENGINE"], "db_name": str(db["NAME"]), "db_host": db.get("HOST", ""),
    "db_user": db.get("USER", ""), "db_port": str(db.get("PORT", "")),
    "broker": s.CELERY_BROKER_URL, "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "search": s.WAGTAILSEARCH_BACKENDS["default"],
    "secret": s.SECRET_KEY, "hosts": s.ALLOWED_HOSTS, "debug": s.DEBUG,
    "cache": s.CACHES["default"]["BACKEND"], "page_cache": s.PAGE_CACHE_SECONDS,
    "site_url": s.SITE_URL, "source": s.SOURCE_CODE_URL, "redis": s.REDIS_URL,
    "csrf_origins": s.CSRF_TRUSTED_ORIGINS, "time_zone": s.TIME_ZONE,
}))
"""


def settings_with(env: dict, module: str = "registry.settings.base") -> dict:
    import os

    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=clean, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_defaults_are_the_embedded_environment():
    s = settings_with({})
    assert s["db_engine"] == "django.db.backends.sqlite3"
    assert s["db_name"] == str(BASE_DIR / "db.sqlite3")
    assert s["broker"] == "" and s["eager"] is True
    assert s["search"]["BACKEND"] == "wagtail.search.backends.database"
    assert s["debug"] is False
    assert s["hosts"] == ["127.0.0.1", "localhost", "[::1]"]
    assert s["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["page_cache"] == 300


def test_database_url_selects_postgresql():
    s = settings_with({"DATABASE_URL": "postgres://pan:secret@db.example.org:5433/registry"})
    assert s["db_engine"] == "django.db.backends.postgresql"
    assert (s["db_name"], s["db_host"], s["db_user"], s["db_port"]) == (
        "registry",
        "db.example.org",
        "pan",
        "5433",
    )


def test_celery_broker_url_sends_tasks_to_the_broker():
    s = settings_with({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/3"})
    assert s["broker"] == "redis://127.0.0.1:6379/3" and s["eager"] is False


def test_elasticsearch_url_switches_the_search_backend():
    s = settings_with({"ELASTICSEARCH_URL": "http://search.example.org:9200"})
    assert s["search"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert s["search"]["URLS"] == ["http://search.example.org:9200"]
    assert s["search"]["INDEX"] == "pan_registry"


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("false", False), ("0", False)]
)
def test_debug_is_read_as_a_boolean(raw, expected):
    assert settings_with({"DEBUG": raw})["debug"] is expected


def test_secret_key_allowed_hosts_and_the_rest_are_read():
    s = settings_with(
        {
            "SECRET_KEY": "k" * 60,
            "ALLOWED_HOSTS": "registry.example.org,www.registry.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://registry.example.org",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            "PAGE_CACHE_SECONDS": "120",
            "SITE_URL": "https://registry.example.org/",
            "SOURCE_CODE_URL": "https://git.example.org/pan-registry",
            "REDIS_URL": "redis://127.0.0.1:6379/2",
            "TIME_ZONE": "Europe/Stockholm",
        }
    )
    assert s["secret"] == "k" * 60
    assert s["hosts"] == ["registry.example.org", "www.registry.example.org"]
    assert s["csrf_origins"] == ["https://registry.example.org"]
    assert s["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert s["page_cache"] == 120
    assert s["site_url"] == "https://registry.example.org"
    assert s["source"] == "https://git.example.org/pan-registry"
    assert s["redis"] == "redis://127.0.0.1:6379/2"
    assert s["time_zone"] == "Europe/Stockholm"


def test_development_settings_turn_debug_on_and_page_cache_off():
    s = settings_with({}, module="registry.settings.dev")
    assert s["debug"] is True and s["page_cache"] == 0


def test_every_variable_the_settings_read_is_documented():
    import re

    read = set()
    for path in (BASE_DIR / "registry" / "settings").glob("*.py"):
        read |= set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", path.read_text()))
    documented = (BASE_DIR / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"not in docs/configuration.md: {missing}"
    assert read <= set(VARIABLES), sorted(read - set(VARIABLES))
