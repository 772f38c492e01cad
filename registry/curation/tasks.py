"""Celery tasks of curation (thin: call the plain function, return its summary).

Both run nightly from django-celery-beat (PeriodicTasks created by the
migration 0002_rules_and_schedule) and on demand (admin button, commands).
"""

from celery import shared_task


@shared_task(name="registry.curation.evaluate_stale_rules", acks_late=True)
def evaluate_stale_rules() -> dict:
    from .stale import evaluate_stale_rules as evaluate

    summary = evaluate()
    return {"open": summary.open, "raised": summary.raised, "cleared": summary.cleared}


@shared_task(
    name="registry.curation.check_links",
    acks_late=True,
    soft_time_limit=3 * 60 * 60,
    time_limit=3 * 60 * 60 + 60,
)
def check_links(limit: int | None = None) -> dict:
    from .links import run_link_check

    summary = run_link_check(limit=limit)
    return vars(summary)
