"""Idempotent set-up of the page tree and the editorial groups.

`manage.py setup_site` (and the demo loader, which calls it) makes sure the
home page is the root of the default Site, that each section of the site has
its index page, and that the groups `Curators` and `Partner editors` exist
with their permissions. Running it again changes nothing.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from registry.curation.workflow import ensure_curator_review_workflow

from .models import HomePage

CURATORS = "Curators"
PARTNER_EDITORS = "Partner editors"

HOME_INTRO = (
    "<p>The community registry of Europe's photon and neutron facilities "
    "(the LEAPS and LENS sites): their software, training, events and IT "
    "collaborations, in one place.</p>"
)


@dataclass(frozen=True)
class Section:
    model: str  # "app_label.ModelName" of the section's index page
    slug: str
    title: str


# Each section of the site has one index page directly below the home page.
# A capability adds its line here when it lands.
SECTIONS = [
    Section("facilities.FacilityIndexPage", "facilities", "Facilities"),
    Section("collaborations.CollaborationIndexPage", "collaborations", "IT collaborations"),
    Section("software.SoftwareIndexPage", "software", "Software"),
    Section("training.TrainingIndexPage", "training", "Training"),
    Section("events.EventIndexPage", "events", "Events"),
]

CURATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
PARTNER_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Partners add and change pages only below these sections, and only the
# entries their organisations own (registry/partners/permissions.py).
PARTNER_SECTIONS = ["software", "training", "events"]
COLLECTION_PERMISSIONS = {
    CURATORS: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    PARTNER_EDITORS: ["add_image", "choose_image", "add_document", "choose_document"],
}
# Model (snippet) permissions, "app_label.codename". A capability whose
# snippets curators or partners edit appends its lines here.
MODEL_PERMISSIONS = {
    CURATORS: [
        "collaborations.add_newsitem",
        "collaborations.change_newsitem",
        "collaborations.delete_newsitem",
        "collaborations.publish_newsitem",
        "collaborations.lock_newsitem",
        "collaborations.unlock_newsitem",
        "collaborations.add_jobposting",
        "collaborations.change_jobposting",
        "collaborations.delete_jobposting",
        "collaborations.publish_jobposting",
        "collaborations.lock_jobposting",
        "collaborations.unlock_jobposting",
        # Repository harvesting: see each entry's last harvest and the hosts.
        "harvesters.view_repositoryharveststate",
        "harvesters.view_repositoryhost",
        # Partner submissions: accounts, suggestions, submissions, API tokens.
        "partners.add_partnermembership",
        "partners.change_partnermembership",
        "partners.delete_partnermembership",
        "partners.view_partnermembership",
        "partners.change_suggestion",
        "partners.view_suggestion",
        "partners.view_submission",
        "partners.change_submission",
        # Issue and revoke partners' API tokens (Wagtail's tokens need the
        # right to change users to manage another user's token).
        "wagtailcore.add_apitoken",
        "wagtailcore.change_apitoken",
        "wagtailcore.delete_apitoken",
        "auth.add_user",
        "auth.change_user",
        # The harvest engine: register and approve sources, watch runs and rejected items.
        "harvesters.add_harvestsource",
        "harvesters.change_harvestsource",
        "harvesters.view_harvestsource",
        "harvesters.view_harvestrun",
        "harvesters.view_rejecteditem",
        # Curation: the dashboard, its reports and bulk actions; tuning the stale rules.
        "curation.curate",
        "curation.view_stalerule",
        "curation.change_stalerule",
    ],
    PARTNER_EDITORS: [
        "collaborations.add_newsitem",
        "collaborations.change_newsitem",
        "collaborations.add_jobposting",
        "collaborations.change_jobposting",
        # Partners register their feeds; a curator approves them before they run.
        "harvesters.add_harvestsource",
        "harvesters.change_harvestsource",
        "harvesters.view_harvestsource",
    ],
}


@transaction.atomic
def ensure_site(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    home = _ensure_home()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="PaN Registry",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    for section in SECTIONS:
        ensure_child(home, apps.get_model(section.model), slug=section.slug, title=section.title)
    _ensure_groups(home)
    ensure_curator_review_workflow(Group.objects.get(name=CURATORS))
    return home


def ensure_child(parent: Page, model, *, slug: str, title: str, **fields) -> Page:
    """Return the child page of `parent` with this slug, creating it published if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, title=title, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _make_root() -> Page:
    """The page tree's root, the root collection and the default locale, as Wagtail's migrations make them.

    A database emptied by `manage.py flush` has neither; setting the site up
    again must not depend on data only a migration creates.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(
        title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
    )


def _ensure_home() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node() or _make_root()
    # Wagtail's initial migration creates a placeholder welcome page at the
    # root; it would take the "home" slug, so it goes.
    for child in root.get_children():
        if child.specific_class is Page and child.slug == "home":
            Site.objects.filter(root_page=child).delete()
            child.delete()
    home = HomePage(title="PaN Registry", slug="home", intro=HOME_INTRO)
    root.add_child(instance=home)
    home.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


def _ensure_groups(home: Page) -> None:
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_collection = Collection.get_first_root_node()
    for name, page_codenames in (
        (CURATORS, CURATOR_PAGE_PERMISSIONS),
        (PARTNER_EDITORS, PARTNER_PAGE_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        pages = [home]
        if name == PARTNER_EDITORS:
            pages = list(home.get_children().filter(slug__in=PARTNER_SECTIONS))
            # Older set-ups granted partners the whole tree.
            GroupPagePermission.objects.filter(group=group, page=home).delete()
        for codename in page_codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            for page in pages:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
        for codename in COLLECTION_PERMISSIONS[name]:
            permission = Permission.objects.get(codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        for dotted in MODEL_PERMISSIONS.get(name, []):
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
