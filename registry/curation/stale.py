"""Evaluating the stale rules: which entries a rule matches now, and keeping the flags in step.

Each rule is a function returning ``{(content type id, object id): Finding}``
for what it matches today. `evaluate_stale_rules()` compares that with the
rule's open flags: a new match raises a flag, a match that went away is
cleared (`cleared_at`), so fixing the cause (a new commit, a review, a working
link) clears the flag at the next evaluation without anyone touching it.
The software rules reuse `registry.software.maintenance` (the catalogue's
maintained/unmaintained facet) rather than restating it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from registry.core.page_cache import invalidate
from registry.software.maintenance import maintenance_of, stale_before

from .links import collect_links
from .models import CheckedLink, LinkOutcome, StaleFlag, StaleKind, StaleRule

GONE = (404, 410)

DEFAULTS = {
    StaleKind.SOFTWARE_ARCHIVED: {},
    StaleKind.SOFTWARE_NO_COMMIT: {"months": 18},
    StaleKind.TRAINING_REVIEW_OVERDUE: {},
    StaleKind.LINK_BROKEN: {"failures": 2, "interval_days": 7},
    StaleKind.SOURCE_FAILING: {"failures": 3},
    StaleKind.EVENT_ORGANISER_PAGE_GONE: {},
}


@dataclass(frozen=True)
class Finding:
    since: datetime
    reason: str


Findings = dict[tuple[int, int], Finding]


def _ct(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def software_archived(rule: StaleRule, *, now: datetime) -> Findings:
    from registry.software.models import RepositoryMetrics, SoftwareEntry

    ct = _ct(SoftwareEntry)
    found = {}
    for metrics in RepositoryMetrics.objects.filter(
        entry__live=True, archived=True, harvested_at__isnull=False
    ):
        reason = maintenance_of(metrics, now=now).reason
        # When the host archived it is not reported; the first harvest that saw it is the honest date.
        found[(ct, metrics.entry_id)] = Finding(metrics.harvested_at, reason)
    return found


def software_no_commit(rule: StaleRule, *, now: datetime) -> Findings:
    from registry.software.models import RepositoryMetrics, SoftwareEntry

    months = rule.months or DEFAULTS[StaleKind.SOFTWARE_NO_COMMIT]["months"]
    ct = _ct(SoftwareEntry)
    return {
        (ct, m.entry_id): Finding(
            m.last_commit_at,
            f"No commit for more than {months} months (last on {m.last_commit_at:%d %B %Y}).",
        )
        for m in RepositoryMetrics.objects.filter(
            entry__live=True,
            archived=False,
            harvested_at__isnull=False,
            last_commit_at__lt=stale_before(now, months=months),
        )
    }


def training_review_overdue(rule: StaleRule, *, now: datetime) -> Findings:
    from registry.training.models import TrainingMaterial
    from registry.training.review import ReviewStatus

    ct = _ct(TrainingMaterial)
    rows = TrainingMaterial.objects.live().filter(
        review_status=ReviewStatus.REVIEWED, next_review_due__lt=timezone.localdate(now)
    )
    return {
        (ct, pk): Finding(
            _aware(due), f"Its review was due on {due:%d %B %Y} and has not been done."
        )
        for pk, due in rows.values_list("pk", "next_review_due")
    }


def _failing_links(urls, predicate) -> dict[str, CheckedLink]:
    # Broken links are few: read them all rather than send thousands of URLs in one IN (...).
    return {
        link.url: link
        for link in CheckedLink.objects.filter(outcome=LinkOutcome.BROKEN)
        if link.url in urls and predicate(link)
    }


def link_broken(rule: StaleRule, *, now: datetime, links=None) -> Findings:
    failures = rule.failures or DEFAULTS[StaleKind.LINK_BROKEN]["failures"]
    apart = timedelta(days=rule.interval_days or DEFAULTS[StaleKind.LINK_BROKEN]["interval_days"])
    links = links if links is not None else collect_links()
    failing = _failing_links(
        links,
        lambda link: (
            link.consecutive_failures >= failures
            and link.first_failed_at is not None
            and link.last_checked is not None
            and link.last_checked - link.first_failed_at >= apart
        ),
    )
    found: Findings = {}
    for url, link in sorted(failing.items()):
        for ct, pk, name in links[url]:
            if (ct, pk) in found:
                continue
            found[(ct, pk)] = Finding(
                link.first_failed_at,
                f"The link {url} ({name.replace('_', ' ')}) has failed every check since "
                f"{link.first_failed_at:%d %B %Y}: {link.detail or 'no answer'}.",
            )
    return found


def event_organiser_page_gone(rule: StaleRule, *, now: datetime, links=None) -> Findings:
    from registry.events.models import Event

    ct = _ct(Event)
    links = links if links is not None else collect_links()
    event_urls = {url for url, uses in links.items() if any(use[0] == ct for use in uses)}
    gone = _failing_links(event_urls, lambda link: link.last_status in GONE)
    found: Findings = {}
    for url, link in sorted(gone.items()):
        for use_ct, pk, _name in links[url]:
            if use_ct == ct and (ct, pk) not in found:
                found[(ct, pk)] = Finding(
                    link.first_failed_at or link.last_checked,
                    f"The organiser's page {url} now answers HTTP {link.last_status} (gone).",
                )
    return found


def harvest_source_model():
    """HarvestSource when the harvest engine is installed, else None (the rule then matches nothing)."""
    try:
        return apps.get_model("harvesters", "HarvestSource")
    except LookupError:
        return None


def source_failing(rule: StaleRule, *, now: datetime) -> Findings:
    model = harvest_source_model()
    if model is None:
        return {}
    failures = rule.failures or DEFAULTS[StaleKind.SOURCE_FAILING]["failures"]
    ct = _ct(model)
    found = {}
    for source in model.objects.filter(consecutive_failures__gte=failures):
        last = source.last_success_at
        found[(ct, source.pk)] = Finding(
            last or now,
            f"The last {source.consecutive_failures} harvests failed"
            + (f"; last success on {last:%d %B %Y}." if last else "; it never succeeded."),
        )
    return found


RULES: dict[str, Callable[..., Findings]] = {
    StaleKind.SOFTWARE_ARCHIVED: software_archived,
    StaleKind.SOFTWARE_NO_COMMIT: software_no_commit,
    StaleKind.TRAINING_REVIEW_OVERDUE: training_review_overdue,
    StaleKind.LINK_BROKEN: link_broken,
    StaleKind.SOURCE_FAILING: source_failing,
    StaleKind.EVENT_ORGANISER_PAGE_GONE: event_organiser_page_gone,
}


@dataclass
class StaleSummary:
    raised: dict[str, int] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)
    open: dict[str, int] = field(default_factory=dict)

    def __str__(self):
        lines = [
            f"{StaleKind(kind).label}: {self.open.get(kind, 0)} open "
            f"({self.raised.get(kind, 0)} new, {self.cleared.get(kind, 0)} cleared)"
            for kind in RULES
        ]
        return "\n".join(lines)


def ensure_rules() -> list[StaleRule]:
    """One row per kind, with the default parameters for a kind not yet stored."""
    return [
        StaleRule.objects.get_or_create(kind=kind, defaults=defaults)[0]
        for kind, defaults in DEFAULTS.items()
    ]


@transaction.atomic
def sync_flags(kind: str, findings: Findings, *, now: datetime) -> tuple[int, int]:
    """Raise flags for new findings, clear flags whose cause is gone; (raised, cleared)."""
    open_flags = {
        (flag.content_type_id, flag.object_id): flag
        for flag in StaleFlag.objects.open().filter(kind=kind)
    }
    gone = [flag.pk for key, flag in open_flags.items() if key not in findings]
    StaleFlag.objects.filter(pk__in=gone).update(cleared_at=now)
    new = []
    for (ct, pk), finding in findings.items():
        flag = open_flags.get((ct, pk))
        if flag is None:
            new.append(
                StaleFlag(
                    content_type_id=ct,
                    object_id=pk,
                    kind=kind,
                    reason=finding.reason[:500],
                    since=finding.since,
                )
            )
        elif flag.reason != finding.reason[:500]:
            flag.reason = finding.reason[:500]
            flag.save(update_fields=["reason"])
    StaleFlag.objects.bulk_create(new)
    if new or gone:
        # Public pages show the notice and lists can hide flagged entries: cached copies are stale.
        transaction.on_commit(invalidate)
    return len(new), len(gone)


def evaluate_stale_rules(*, now: datetime | None = None, progress=None) -> StaleSummary:
    """Evaluate every rule (a disabled one clears its flags); returns what changed."""
    now = now or timezone.now()
    rules = {rule.kind: rule for rule in ensure_rules()}
    links = collect_links()
    summary = StaleSummary()
    for kind, evaluate in RULES.items():
        rule = rules[kind]
        if not rule.enabled:
            findings = {}
        elif kind in (StaleKind.LINK_BROKEN, StaleKind.EVENT_ORGANISER_PAGE_GONE):
            findings = evaluate(rule, now=now, links=links)
        else:
            findings = evaluate(rule, now=now)
        summary.raised[kind], summary.cleared[kind] = sync_flags(kind, findings, now=now)
        summary.open[kind] = len(findings)
        if progress is not None:
            progress.update(1)
    return summary


def open_flags_for(obj) -> list[StaleFlag]:
    """The open flags of one entry (its public page's notice)."""
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(
        StaleFlag.objects.open().filter(content_type=ct, object_id=obj.pk).order_by("since")
    )


def exclude_stale(queryset):
    """`queryset` without the entries that have an open flag (the visitors' "hide stale" filter)."""
    ct = ContentType.objects.get_for_model(queryset.model)
    flagged = StaleFlag.objects.open().filter(content_type=ct).values("object_id")
    return queryset.exclude(pk__in=flagged)
