"""RSS 2.0 and Atom (via feedparser) → news, job, training or event records.

Place in the flow: fetch → **parse** → normalise → upsert. A pure function.

* Every payload passes `xmlguard` first: a feed declaring XML entities is
  refused before feedparser (which expands them) sees it.
* Real feeds are often not well-formed (an unescaped "&" in a WordPress
  custom field): feedparser's lenient parser still reads them; we keep the
  entries it read and say so in a warning.
* Feeds served as ``text/html`` are read as feeds all the same (with a
  warning for the partner); only a declared charset is passed on.
* An entry is keyed by its guid (RSS) / id (Atom), else its link; an entry
  with neither is rejected, since a later harvest could not recognise it.
* Target ``events`` needs event dates: the RSS event module
  (``ev:startdate``/``ev:enddate``), a pubDate written as a range
  ("start - end", as Utrecht University publishes), or a course date field.
  A plain pubDate is the publication date, never taken for the event's date:
  such entries are rejected with that reason.
"""

from __future__ import annotations

import email.utils
import io
import re
from datetime import UTC, datetime

import feedparser

from ..records import (
    EventRecord,
    JobRecord,
    NewsRecord,
    ParseResult,
    Record,
    RejectedItem,
    Target,
    TextFormat,
    TrainingRecord,
    TrainingSession,
    When,
)
from .dates import DateFormatError, Horizon, parse_when
from .errors import ParseError
from .text import charset_of, description, plain_text, text_list
from .xmlguard import ensure_no_entity_expansion

TARGETS = (Target.EVENTS, Target.TRAINING, Target.JOBS, Target.NEWS)

# Event fields: the RSS event module first, then the custom elements partners use
# (WordPress course plugins publish <courseDate>, <location>, <organizer>).
_START_KEYS = ("ev_startdate", "coursedate", "startdate")
_END_KEYS = ("ev_enddate", "courseenddate", "enddate")
_LOCATION_KEYS = ("ev_location", "location")
_ORGANIZER_KEYS = ("ev_organizer", "organizer")
_RANGE = re.compile(r"^(?P<start>.+?\d)\s+[-–]\s+(?P<end>\S.+)$")
_XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding=", re.IGNORECASE)


class _Rejected(Exception):
    pass


def parse(
    payload: bytes,
    *,
    source_url: str,
    target: Target | str = Target.NEWS,
    content_type: str | None = None,
    horizon: Horizon | None = None,  # noqa: ARG001 - same signature as every parser
) -> ParseResult:
    """Parse an RSS 2.0 or Atom payload into records of the source's target."""
    target = Target(target)
    if not payload.strip():
        raise ParseError("The payload is empty.")
    ensure_no_entity_expansion(payload)
    warnings: list[str] = []
    # feedparser flags any non-XML media type as an error, so it is told the
    # payload is XML; only a declared charset is passed on, and only when the
    # document itself does not declare one.
    charset = charset_of(content_type)
    xml_type = "application/xml"
    if charset and not _XML_ENCODING.search(payload[:200]):
        xml_type += f"; charset={charset}"
    headers = {"content-location": source_url, "content-type": xml_type}
    if content_type and "html" in content_type.lower():
        warnings.append(
            f"The feed is served as {content_type.split(';')[0]!r}; it was read as a feed, "
            "but application/rss+xml or application/atom+xml is the right type."
        )
    # A BytesIO, never bytes: feedparser treats a bytes/str argument that looks
    # like a path or URL as something to open.
    feed = feedparser.parse(
        io.BytesIO(payload),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=True,
    )
    if not feed.get("version") and not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.bozo else ""
        raise ParseError(f"The payload is not an RSS or Atom feed{reason}.")
    if feed.bozo:
        warnings.append(_bozo_warning(feed))

    records: list[Record] = []
    rejected: list[RejectedItem] = []
    seen: set[str] = set()
    for position, entry in enumerate(feed.entries, start=1):
        key = (entry.get("id") or entry.get("link") or "").strip()
        if not key:
            label = plain_text(entry.get("title")) or "untitled"
            rejected.append(
                RejectedItem(
                    "the entry has neither a guid/id nor a link, so a later harvest could "
                    "not recognise it",
                    f"entry {position} ({label})",
                )
            )
            continue
        if key in seen:
            warnings.append(f"{key}: several entries share this id; the first was kept.")
            continue
        seen.add(key)
        try:
            records.append(_MAPPERS[target](entry, key))
        except _Rejected as exc:
            rejected.append(RejectedItem(str(exc), key))
    return ParseResult(tuple(records), tuple(rejected), tuple(warnings))


def _bozo_warning(feed) -> str:
    exc = feed.bozo_exception
    where = ""
    if hasattr(exc, "getLineNumber"):
        where = f" at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
    message = getattr(exc, "getMessage", lambda: str(exc))()
    return (
        f"The feed is not well-formed XML ({message}{where}); {len(feed.entries)} entries "
        "were read by the lenient parser."
    )


def _title(entry) -> str:
    title = plain_text(entry.get("title"))
    if not title:
        raise _Rejected("the entry has no title")
    return title


def _body(entry) -> tuple[str, TextFormat]:
    """Full content when the feed has it, else the summary."""
    for content in entry.get("content") or ():
        if content.get("value", "").strip():
            return _with_format(content.get("value"), content.get("type"))
    detail = entry.get("summary_detail") or {}
    return _with_format(entry.get("summary"), detail.get("type"))


def _with_format(value, mime: str | None) -> tuple[str, TextFormat]:
    if mime and "html" in mime:
        # HTML as the feed gave it: entities are markup here, not to be decoded.
        text = (value or "").strip()
        return text, TextFormat.HTML if text else TextFormat.TEXT
    return description(value)


def _datetime(raw: str | None, parsed) -> datetime | None:
    """An entry date with its original offset (feedparser's parsed form is UTC only)."""
    if raw:
        try:
            return email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            pass
        try:
            value = parse_when(raw)
        except DateFormatError:
            value = None
        if isinstance(value, datetime):
            return value
    if parsed:
        return datetime(*parsed[:6], tzinfo=UTC)
    return None


def _updated(entry) -> datetime | None:
    # dict.get: FeedParserDict.get("updated") silently falls back to the
    # publication date, which would claim an update the feed never stated.
    return _datetime(dict.get(entry, "updated"), dict.get(entry, "updated_parsed"))


def _when(raw: str, field: str) -> When:
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        value = parse_when(raw)
    except DateFormatError as exc:
        raise _Rejected(f"{field} {exc}") from None
    if value is None:
        raise _Rejected(f"{field} is empty")
    return value


def _event_dates(entry) -> tuple[When, When | None]:
    start_raw = next((entry[k].strip() for k in _START_KEYS if entry.get(k, "").strip()), "")
    end_raw = next((entry[k].strip() for k in _END_KEYS if entry.get(k, "").strip()), "")
    if start_raw:
        start = _when(start_raw, "the event start date")
        return start, _when(end_raw, "the event end date") if end_raw else None
    match = _RANGE.match(entry.get("published", "") or "")
    if match:
        return (
            _when(match["start"], "the event start (pubDate range)"),
            _when(match["end"], "the event end (pubDate range)"),
        )
    raise _Rejected(
        "no event date: the entry has no ev:startdate (RSS event module); its pubDate is "
        "a publication date, not the date of the event"
    )


def _first(entry, keys) -> str:
    return next((plain_text(entry[k]) for k in keys if plain_text(entry.get(k))), "")


def _event(entry, key: str) -> EventRecord:
    title = _title(entry)
    start, end = _event_dates(entry)
    text, fmt = _body(entry)
    return EventRecord(
        external_id=key,
        title=title,
        start=start,
        end=end,
        url=entry.get("link", ""),
        description=text,
        description_format=fmt,
        location=_first(entry, _LOCATION_KEYS),
        organizer=_first(entry, _ORGANIZER_KEYS),
        categories=_tags(entry),
        event_type=plain_text(entry.get("ev_type")),
        image_url=_image(entry),
        updated=_updated(entry),
    )


def _training(entry, key: str) -> TrainingRecord:
    title = _title(entry)
    text, fmt = _body(entry)
    sessions: tuple[TrainingSession, ...] = ()
    if any(entry.get(k, "").strip() for k in _START_KEYS):
        start, end = _event_dates(entry)
        sessions = (
            TrainingSession(
                start=start,
                end=end,
                location=_first(entry, _LOCATION_KEYS),
                url=entry.get("link", ""),
            ),
        )
    return TrainingRecord(
        external_id=key,
        title=title,
        kind="feed_item",
        url=entry.get("link", ""),
        description=text,
        description_format=fmt,
        keywords=_tags(entry),
        authors=_authors(entry),
        provider=_first(entry, _ORGANIZER_KEYS),
        sessions=sessions,
        published=_datetime(entry.get("published"), entry.get("published_parsed")),
        updated=_updated(entry),
    )


def _job(entry, key: str) -> JobRecord:
    title = _title(entry)
    text, fmt = _body(entry)
    return JobRecord(
        external_id=key,
        title=title,
        url=entry.get("link", ""),
        description=text,
        description_format=fmt,
        location=_first(entry, _LOCATION_KEYS),
        categories=_tags(entry),
        posted=_datetime(entry.get("published"), entry.get("published_parsed")),
    )


def _news(entry, key: str) -> NewsRecord:
    title = _title(entry)
    detail = entry.get("summary_detail") or {}
    summary, summary_format = _with_format(entry.get("summary"), detail.get("type"))
    content, content_format = "", TextFormat.HTML
    for item in entry.get("content") or ():
        if item.get("value", "").strip():
            content, content_format = _with_format(item["value"], item.get("type"))
            break
    if content and content == summary:
        summary = ""  # Atom feeds often repeat the content as summary
    return NewsRecord(
        external_id=key,
        title=title,
        url=entry.get("link", ""),
        summary=summary,
        summary_format=summary_format,
        content=content,
        content_format=content_format,
        authors=_authors(entry),
        categories=_tags(entry),
        image_url=_image(entry),
        published=_datetime(entry.get("published"), entry.get("published_parsed")),
        updated=_updated(entry),
    )


def _tags(entry) -> tuple[str, ...]:
    return text_list([t.get("term") or t.get("label") for t in entry.get("tags") or ()])


def _authors(entry) -> tuple[str, ...]:
    names = [a.get("name") for a in entry.get("authors") or () if a.get("name")]
    return text_list(names or entry.get("author"))


def _image(entry) -> str:
    for key in ("media_thumbnail", "media_content"):
        for media in entry.get(key) or ():
            if media.get("url") and media.get("medium", "image") == "image":
                return media["url"]
    for link in entry.get("links") or ():
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return link.get("href", "")
    return ""


_MAPPERS = {
    Target.EVENTS: _event,
    Target.TRAINING: _training,
    Target.JOBS: _job,
    Target.NEWS: _news,
}
