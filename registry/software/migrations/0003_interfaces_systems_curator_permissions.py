"""Seed the fixed vocabularies and let the Curators group keep the catalogue's snippets.

Interfaces and operating systems are the lists the catalogue was specified
with. Curators review visitor feedback and keep the vocabularies, so their
group gets the model permissions for them (created here if the group does
not exist yet; `setup_site` finds it by name).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTERFACES = [
    ("gui", "GUI", "A graphical user interface on the desktop."),
    ("cli", "Command line", "Programs run from a terminal or a script."),
    ("library", "Library", "Code imported into other programs (an API)."),
    ("web", "Web application", "Used in a web browser, served by a server."),
    ("notebook", "Notebook", "Used from Jupyter notebooks (widgets, kernels, examples)."),
]
OPERATING_SYSTEMS = [
    ("linux", "Linux", ""),
    ("macos", "macOS", ""),
    ("windows", "Windows", ""),
]
CURATOR_MODELS = {
    "facilityusereport": ("view", "change"),
    "problemreport": ("view", "change"),
    "interface": ("view", "add", "change"),
    "operatingsystem": ("view", "add", "change"),
    "programminglanguage": ("view", "add", "change"),
    "dataformat": ("view", "add", "change"),
    "scientificdomain": ("view", "add", "change"),
}


def seed(apps, schema_editor):
    for model_name, rows in (("Interface", INTERFACES), ("OperatingSystem", OPERATING_SYSTEMS)):
        model = apps.get_model("software", model_name)
        for slug, name, description in rows:
            model.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})

    # Permissions are normally created after all migrations; make them now.
    app_config = apps.get_app_config("software")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    curators, _ = group_model.objects.get_or_create(name="Curators")
    for model_name, actions in CURATOR_MODELS.items():
        for action in actions:
            curators.permissions.add(
                permission_model.objects.get(
                    content_type__app_label="software", codename=f"{action}_{model_name}"
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("software", "0002_catalogue_fields_vocabularies_feedback"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
