"""Views of the software catalogue: the pages' context, badges, metadata exports and feedback.

The catalogue and entry pages are Wagtail pages; their `get_context` calls
`catalogue_context` / `entry_context` here. The files under an entry's URL
(`/software/<slug>/badge.svg`, `codemeta.json`, `CITATION.cff`) and the
feedback forms are plain Django views (registry/software/urls.py), since
Wagtail's page routes cannot end in a file name.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_http_methods

from . import feedback, metadata, selectors
from .badges import VARIANTS, render_badge
from .fair import FAIR_SOFTWARE_URL, fair_level
from .filters import SORTS, CatalogueFilters
from .forms import FEEDBACK_RATE_LIMIT, FacilityUseForm, ProblemReportForm
from .maintenance import maintenance_of

# JSON inside <script> must not be able to close the element.
_JSON_IN_HTML = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
BADGE_MAX_AGE = 3600  # READMEs are served through caches (GitHub's camo); an hour is fresh enough
EXPORT_MAX_AGE = 600
CFF_SCHEMA = Path(settings.BASE_DIR) / "fixtures" / "schemas" / "citation-cff-1.2.0.schema.json"


def catalogue_context(request, *, index) -> dict:
    filters = CatalogueFilters.from_query(request.GET)
    entries = selectors.published_entries(index=index)
    matched_ids = selectors.search_ids(filters.q, index=index) if filters.q else None
    listing = selectors.software_list(entries, filters, matched_ids=matched_ids)
    page = Paginator(listing, selectors.PAGE_SIZE).get_page(filters.page)
    return {
        "filters": filters,
        "entries": page,
        "facets": selectors.facets(entries, filters, matched_ids=matched_ids),
        "sorts": [(key, label, key == filters.sort) for key, label in SORTS.items()],
        "page_links": _page_links(page, filters),
    }


def _page_links(page, filters) -> dict:
    links = {}
    if page.has_previous():
        links["previous"] = filters.page_link(page.previous_page_number())
    if page.has_next():
        links["next"] = filters.page_link(page.next_page_number())
    return links


def badge_snippets(request, entry) -> list[dict]:
    page_url = metadata.entry_url(entry)
    rows = []
    for variant, title in VARIANTS.items():
        suffix = "badge.svg" if variant == "listed" else f"badge/{variant}.svg"
        image_url = f"{page_url}{suffix}"
        alt = f"{title}: {entry.title}"
        rows.append(
            {
                "variant": variant,
                "title": title,
                "url": f"{entry.url}{suffix}",
                "markdown": f"[![{alt}]({image_url})]({page_url})",
                "html": f'<a href="{page_url}"><img src="{image_url}" alt="{alt}"></a>',
            }
        )
    return rows


def entry_context(request, *, entry, use_form=None, problem_form=None) -> dict:
    metrics = entry.repository_metrics
    return {
        "metrics": metrics if metrics is not None and metrics.harvested else None,
        "maintenance": maintenance_of(metrics),
        "fair": fair_level(entry),
        "fair_software_url": FAIR_SOFTWARE_URL,
        "relations": selectors.entry_relations(entry),
        "materials": list(entry.attached_materials.all()),
        "versions": list(entry.versions.all()),
        "people": list(entry.people.all()),
        "citation": metadata.citation_text(entry),
        "json_ld": json.dumps(metadata.schema_org(entry), ensure_ascii=False).translate(
            _JSON_IN_HTML
        ),
        "badges": badge_snippets(request, entry),
        "use_form": use_form or FacilityUseForm(entry=entry, prefix="use"),
        "problem_form": problem_form or ProblemReportForm(entry=entry, prefix="problem"),
    }


def _entry(slug):
    return get_object_or_404(selectors.published_entries(), slug=slug)


def _cacheable(request, content: bytes, content_type: str, *, max_age: int, **headers):
    """A response with an ETag of its bytes and Cache-Control; 304 when the client has it."""
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    patch_cache_control(response, public=True, max_age=max_age)
    return get_conditional_response(request, etag=etag, response=response)


@require_http_methods(["GET", "HEAD"])
def badge(request, slug, variant="listed"):
    if variant not in VARIANTS:
        raise Http404(f"No badge {variant!r}; there are: {', '.join(VARIANTS)}")
    svg = render_badge(_entry(slug), variant).svg
    return _cacheable(request, svg.encode(), "image/svg+xml; charset=utf-8", max_age=BADGE_MAX_AGE)


@require_http_methods(["GET", "HEAD"])
def codemeta_json(request, slug):
    document = metadata.codemeta(_entry(slug))
    content = json.dumps(document, indent=2, ensure_ascii=False).encode()
    return _cacheable(
        request,
        content,
        "application/ld+json; charset=utf-8",
        max_age=EXPORT_MAX_AGE,
        Access_Control_Allow_Origin="*",
    )


@cache
def cff_licences() -> frozenset[str]:
    """The SPDX ids CFF 1.2.0's schema accepts in `license`."""
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    return frozenset(schema["definitions"]["license-enum"]["enum"])


@require_http_methods(["GET", "HEAD"])
def citation_cff(request, slug):
    text = metadata.citation_cff(_entry(slug), known_licences=cff_licences())
    return _cacheable(
        request,
        text.encode(),
        "application/yaml; charset=utf-8",
        max_age=EXPORT_MAX_AGE,
        Content_Disposition='inline; filename="CITATION.cff"',
        Access_Control_Allow_Origin="*",
    )


def _feedback(request, slug, *, form_class, prefix, submit, thanks):
    entry = _entry(slug)
    if request.method != "POST":
        return redirect(entry.url + "#feedback")
    form = form_class(request.POST, entry=entry, prefix=prefix)
    status = 200
    if not FEEDBACK_RATE_LIMIT.allow(request):
        minutes = FEEDBACK_RATE_LIMIT.retry_after // 60 + 1
        form.is_valid()  # keep the typed values and show field errors too
        form.add_error(
            None,
            f"Too many reports from your connection in a short time. Nothing is lost: "
            f"please send this again in about {minutes} minutes.",
        )
        status = 429
    elif form.is_valid():
        submit(entry, form.cleaned_data)
        messages.success(request, thanks)
        return redirect(entry.url + "#feedback")
    else:
        status = 400
    return TemplateResponse(
        request,
        "software/feedback_form.html",
        {"page": entry, "entry": entry, "form": form, "prefix": prefix},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report_facility_use(request, slug):
    return _feedback(
        request,
        slug,
        form_class=FacilityUseForm,
        prefix="use",
        submit=lambda entry, data: feedback.facility_use_report_submit(
            entry=entry,
            facility=data["facility"],
            name=data["reporter_name"],
            email=data["reporter_email"],
            message=data["message"],
        ),
        thanks="Thank you! A curator will check it and add your facility to this entry.",
    )


@require_http_methods(["GET", "POST"])
def report_problem(request, slug):
    return _feedback(
        request,
        slug,
        form_class=ProblemReportForm,
        prefix="problem",
        submit=lambda entry, data: feedback.problem_report_submit(
            entry=entry, kind=data["kind"], message=data["message"], email=data["reporter_email"]
        ),
        thanks="Thank you for the report. A curator will look at it.",
    )
