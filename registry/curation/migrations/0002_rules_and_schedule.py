"""Seed the stale rules with their defaults and schedule the nightly curation tasks (beat)."""

import json

from django.db import migrations

RULES = {
    "software_archived": ({}, "The repository is archived on its host."),
    "software_no_commit": ({"months": 18}, "No commit for this many months."),
    "training_review_overdue": ({}, "The material's next review date has passed."),
    "link_broken": (
        {"failures": 2, "interval_days": 7},
        "A link failed this many checks, the first and latest at least this many days apart.",
    ),
    "source_failing": ({"failures": 3}, "This many harvest runs in a row failed."),
    "event_organiser_page_gone": ({}, "An event's organiser page answers 404 or 410."),
}

# Nightly, UTC: links first, then the rules read the fresh results.
SCHEDULE = {
    "Curation: check links": ("registry.curation.check_links", "30", "1"),
    "Curation: evaluate stale rules": ("registry.curation.evaluate_stale_rules", "30", "4"),
}


def seed(apps, schema_editor):
    StaleRule = apps.get_model("curation", "StaleRule")
    for kind, (parameters, description) in RULES.items():
        StaleRule.objects.get_or_create(
            kind=kind, defaults={**parameters, "description": description}
        )
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, minute, hour) in SCHEDULE.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="UTC",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "kwargs": json.dumps({})}
        )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_stale_rules_and_links"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
