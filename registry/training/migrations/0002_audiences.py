"""The five audiences of the training issue (issue 5, point 1), as rows materials point to."""

from django.db import migrations

AUDIENCES = [
    ("student", "Student", 1),
    ("new-facility-user", "New facility user", 2),
    ("beamline-scientist", "Beamline or instrument scientist", 3),
    ("data-scientist", "Data scientist", 4),
    ("it-staff", "IT staff", 5),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("training", "Audience")
    for slug, name, order in AUDIENCES:
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def remove_audiences(apps, schema_editor):
    apps.get_model("training", "Audience").objects.filter(
        slug__in=[slug for slug, _, _ in AUDIENCES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, remove_audiences)]
