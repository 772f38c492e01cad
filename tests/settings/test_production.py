"""The production settings pass `manage.py check --deploy` with real values, and refuse unsafe ones."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings as project_settings

BASE_DIR = Path(project_settings.BASE_DIR)


def check_deploy(env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE", "SECRET", "ALLOWED"))
    }
    clean.update(
        DJANGO_SETTINGS_MODULE="registry.settings.production",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        **env,
    )
    (tmp_path / "static").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


REAL_VALUES = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "registry.leaps-initiative.example",
    "CSRF_TRUSTED_ORIGINS": "https://registry.leaps-initiative.example",
    "DATABASE_URL": "postgres://pan:a-real-password@db.internal.example:5432/pan_registry",
    "CELERY_BROKER_URL": "redis://redis.internal.example:6379/0",
    "CACHE_URL": "redis://redis.internal.example:6379/1",
    "SITE_URL": "https://registry.leaps-initiative.example",
}


def test_check_deploy_passes_without_any_warning_given_real_values(tmp_path):
    done = check_deploy(REAL_VALUES, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert done.stderr.strip() == ""


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in REAL_VALUES.items() if k != "SECRET_KEY"}
    done = check_deploy(env, tmp_path)
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_production_refuses_the_development_key(tmp_path):
    done = check_deploy(
        {**REAL_VALUES, "SECRET_KEY": "dev-only-insecure-key-change-me-in-production"}, tmp_path
    )
    assert done.returncode != 0
    assert "at least 50 characters" in done.stderr


def test_check_deploy_warns_when_the_page_cache_is_not_shared(tmp_path):
    env = {k: v for k, v in REAL_VALUES.items() if k != "CACHE_URL"}
    done = check_deploy(env, tmp_path)
    assert "registry.W001" in done.stderr
    assert "CACHE_URL" in done.stderr
