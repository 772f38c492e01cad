"""What one refresh of one repository came to, and the summary of many.

`RefreshOutcome` is returned by `refresh_entry` and by the Celery task (as a
dict); `RefreshSummary` adds them up for `manage.py harvest --repositories`
and prints as a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Result(StrEnum):
    REFRESHED = "refreshed"  # the host answered with something new: figures written
    UNCHANGED = "unchanged"  # every resource answered 304 (or the same 404): nothing written
    FAILED = "failed"  # with a reason; stored figures left as they were
    RATE_LIMITED = "rate_limited"  # nothing written; rescheduled after the host's reset
    SKIPPED = "skipped"  # unknown host, URL not understood, already running
    QUEUED = "queued"  # sent to Celery; its own outcome is recorded by the task


@dataclass(frozen=True)
class RefreshOutcome:
    entry_id: int
    label: str  # the entry's title, for tables and logs
    result: Result
    reason: str = ""
    host: str = ""
    path: str = ""
    retry_at: datetime | None = None  # rate-limited: when the host's budget resets
    requests: int = 0  # HTTP requests made
    not_modified: int = 0  # of which answered 304
    notes: tuple[str, ...] = ()  # e.g. enrichment deferred, token variable not set

    @property
    def retry_in(self) -> float | None:
        """Seconds until `retry_at` (at least 1), for a Celery countdown."""
        if self.retry_at is None:
            return None
        from django.utils import timezone

        return max(1.0, (self.retry_at - timezone.now()).total_seconds())

    def as_dict(self) -> dict:
        return {
            "entry_id": self.entry_id,
            "label": self.label,
            "result": self.result.value,
            "reason": self.reason,
            "host": self.host,
            "path": self.path,
            "retry_at": self.retry_at.isoformat() if self.retry_at else None,
            "requests": self.requests,
            "not_modified": self.not_modified,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict) -> RefreshOutcome:
        retry_at = data.get("retry_at")
        return cls(
            entry_id=data["entry_id"],
            label=data.get("label", ""),
            result=Result(data["result"]),
            reason=data.get("reason", ""),
            host=data.get("host", ""),
            path=data.get("path", ""),
            retry_at=datetime.fromisoformat(retry_at) if retry_at else None,
            requests=data.get("requests", 0),
            not_modified=data.get("not_modified", 0),
            notes=tuple(data.get("notes", ())),
        )


@dataclass
class RefreshSummary:
    """Counts per result, with the reason of every outcome that was not a plain success."""

    outcomes: list[RefreshOutcome] = field(default_factory=list)

    def add(self, outcome: RefreshOutcome) -> None:
        self.outcomes.append(outcome)

    def count(self, result: Result) -> int:
        return sum(1 for outcome in self.outcomes if outcome.result == result)

    @property
    def refreshed(self) -> int:
        return self.count(Result.REFRESHED)

    @property
    def unchanged(self) -> int:
        return self.count(Result.UNCHANGED)

    @property
    def failed(self) -> int:
        return self.count(Result.FAILED)

    @property
    def rate_limited(self) -> int:
        return self.count(Result.RATE_LIMITED)

    @property
    def skipped(self) -> int:
        return self.count(Result.SKIPPED)

    @property
    def queued(self) -> int:
        return self.count(Result.QUEUED)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def requests(self) -> int:
        return sum(outcome.requests for outcome in self.outcomes)

    @property
    def not_modified(self) -> int:
        return sum(outcome.not_modified for outcome in self.outcomes)

    @property
    def reasons(self) -> list[RefreshOutcome]:
        """Outcomes a person should read: failures, rate limits, skips, and notes."""
        return [
            outcome
            for outcome in self.outcomes
            if outcome.result in (Result.FAILED, Result.RATE_LIMITED, Result.SKIPPED)
            or outcome.notes
        ]

    def counts(self) -> dict[str, int]:
        return {result.value: self.count(result) for result in Result}

    def as_table(self) -> str:
        """A plain-text table: counts first, then one line per outcome with a reason."""
        rows = [("result", "repositories")]
        rows += [(result.value, str(self.count(result))) for result in Result if self.count(result)]
        rows.append(("total", str(self.total)))
        width = max(len(name) for name, _ in rows)
        lines = [f"{name:<{width}}  {value:>12}" for name, value in rows]
        lines.insert(1, "-" * (width + 14))
        lines.append(
            f"HTTP requests: {self.requests} (of which 304 Not Modified: {self.not_modified})"
        )
        details = self.reasons
        if details:
            lines.append("")
            for outcome in details:
                where = f"{outcome.host}/{outcome.path}" if outcome.host else "-"
                text = outcome.reason
                if outcome.retry_at is not None:
                    text = f"{text} (retry after {outcome.retry_at:%Y-%m-%d %H:%M %Z})"
                lines.append(
                    f"{outcome.result.value:<12} {outcome.label} [{where}]: {text}".rstrip()
                )
                lines.extend(f"{'':<12} note: {note}" for note in outcome.notes)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.as_table()
