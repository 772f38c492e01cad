"""Update-or-create of a child page from a record, publishing a revision only on change.

The demo loaders (`registry/<app>/demo.py`) read real data from `fixtures/`
and call `upsert_child_page` once per record: the page is found by a natural
key among the parent's children, created if missing, and otherwise compared
field by field (scalar fields, many-to-many sets and inline child rows). Only
a real difference writes a new revision and publishes it, so a second run of
`manage.py load_demo` changes nothing.
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum

from wagtail.models import Page


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert_child_page(
    parent: Page,
    model: type[Page],
    *,
    key_field: str,
    values: Mapping,
    many_to_many: Mapping[str, Iterable] | None = None,
    children: Mapping[str, list[Mapping]] | None = None,
) -> tuple[Page, Outcome]:
    """Make the child of `parent` keyed by `values[key_field]` hold exactly these values.

    `many_to_many` maps a ParentalManyToManyField name to the objects it must
    hold; `children` maps an inline (ParentalKey) relation name to the rows it
    must hold, each a dict of field values, in order.
    """
    many_to_many = many_to_many or {}
    children = children or {}
    page = model.objects.child_of(parent).filter(**{key_field: values[key_field]}).first()
    created = page is None
    if created:
        page = model(**values)
    elif _differs(page, values, many_to_many, children):
        for name, value in values.items():
            setattr(page, name, value)
    else:
        return page, Outcome.UNCHANGED

    for name, objects in many_to_many.items():
        getattr(page, name).set(list(objects))
    for name, rows in children.items():
        related_model = getattr(model, name).rel.related_model
        setattr(page, name, [related_model(**row) for row in rows])

    if created:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page, Outcome.CREATED if created else Outcome.UPDATED


def _differs(page: Page, values: Mapping, many_to_many: Mapping, children: Mapping) -> bool:
    if any(getattr(page, name) != value for name, value in values.items()):
        return True
    for name, objects in many_to_many.items():
        if {obj.pk for obj in getattr(page, name).all()} != {obj.pk for obj in objects}:
            return True
    for name, rows in children.items():
        existing = list(getattr(page, name).all())
        if len(existing) != len(rows):
            return True
        for child, row in zip(existing, rows, strict=True):
            if any(getattr(child, field) != value for field, value in row.items()):
                return True
    return False
