"""Seed the two public code hosts every deployment reads: github.com and gitlab.com.

Facility GitLabs are registered by the demo loader (from Facility.gitlab_url)
or by an operator (manage.py set_repository_host). github.com's API URL is
left empty: the GITHUB_API_URL setting applies. Existing rows are left as
an operator set them.
"""

from django.db import migrations

HOSTS = [
    {"name": "github.com", "kind": "github", "api_url": "", "token_env": "GITHUB_TOKEN"},
    {"name": "gitlab.com", "kind": "gitlab", "api_url": "https://gitlab.com/api/v4", "token_env": ""},
]


def seed(apps, schema_editor):
    RepositoryHost = apps.get_model("harvesters", "RepositoryHost")
    for host in HOSTS:
        RepositoryHost.objects.get_or_create(name=host["name"], defaults=host)


def unseed(apps, schema_editor):
    RepositoryHost = apps.get_model("harvesters", "RepositoryHost")
    RepositoryHost.objects.filter(name__in=[h["name"] for h in HOSTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("harvesters", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
