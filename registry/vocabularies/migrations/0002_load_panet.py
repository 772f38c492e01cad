"""Seed the technique vocabulary from esrf-ontologies' PaNET (run again with `manage.py sync_techniques`)."""

from django.db import migrations


def load(apps, schema_editor):
    from registry.vocabularies.panet import sync_panet_techniques

    sync_panet_techniques(apps.get_model("vocabularies", "Technique"))


class Migration(migrations.Migration):
    dependencies = [("vocabularies", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
