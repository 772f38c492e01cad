"""The public submission pages: partners' forms and "My submissions", visitors' suggestions.

Thin views: the form checks the typed values, the service
(services.submission_save) checks the policy and the model's rules and
starts the review; a refusal renders the same form again with everything
typed and the reason next to its field.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from registry.core.antispam import RateLimit

from . import services
from .forms import EntryForm, HarvestSourceForm, SuggestionForm
from .harvest_sources import harvest_source_submit, harvest_sources_of
from .permissions import can_edit, is_curator, is_partner
from .selectors import my_submissions

SUGGESTIONS = RateLimit("suggest-entry", limit=5, period=3600)
TITLES = {"software": "software", "training": "training material", "event": "event"}


def _require_partner(user):
    if not (is_partner(user) or is_curator(user)):
        raise PermissionDenied("Your account does not act for a facility or collaboration yet.")


@login_required
def submit_home(request):
    _require_partner(request.user)
    return render(
        request,
        "partners/submit_home.html",
        {
            "rows": my_submissions(request.user),
            "sources": harvest_sources_of(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def harvest_source(request, source_id=None):
    _require_partner(request.user)
    source = None
    if source_id is not None:
        source = get_object_or_404(harvest_sources_of(request.user), pk=source_id)
    form = HarvestSourceForm(request.POST or None, instance=source, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            saved, created = harvest_source_submit(data=data, by=request.user, source=source)
        except ValidationError as error:
            for field, messages_ in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            state = (
                "It runs on its schedule."
                if saved.approved
                else ("A curator checks it before its first harvest.")
            )
            verb = "registered" if created else "saved"
            messages.success(request, f"Source “{saved.name}” {verb}. {state}")
            return redirect("partners:home")
    return render(
        request,
        "partners/harvest_source_form.html",
        {"form": form, "source": source},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit_entry(request, kind, page_id=None):
    _require_partner(request.user)
    if kind not in TITLES:
        raise PermissionDenied("Unknown kind of entry.")
    entry = None
    if page_id is not None:
        entry = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(entry, services.KINDS[kind].model):
            raise PermissionDenied(f"This page is not a {TITLES[kind]} entry.")
        if not can_edit(request.user, entry):
            raise PermissionDenied("This entry belongs to an organisation you do not act for.")
    form = EntryForm(request.POST or None, kind=kind, user=request.user, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_save(
                kind=kind, data=form.entry_data(), by=request.user, channel="form", entry=entry
            )
        except ValidationError as error:
            form.add_model_errors(error)
        else:
            messages.success(
                request,
                f"“{submission.page.title}” is submitted: a curator reviews it before it is published.",
            )
            return redirect("partners:my-submissions")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "partners/entry_form.html",
        {"form": form, "kind": kind, "kind_title": TITLES[kind], "entry": entry},
        status=status,
    )


@login_required
def submissions(request):
    _require_partner(request.user)
    return render(request, "partners/my_submissions.html", {"rows": my_submissions(request.user)})


@require_http_methods(["GET", "POST"])
def suggest(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST":
        if not SUGGESTIONS.allow(request):
            form.is_valid()
            response = render(
                request,
                "partners/suggest.html",
                {"form": form, "rate_limited": True},
                status=429,
            )
            response["Retry-After"] = str(SUGGESTIONS.retry_after)
            return response
        if form.is_valid():
            services.suggestion_submit(
                **{name: form.cleaned_data[name] for name in SuggestionForm.Meta.fields}
            )
            messages.success(request, "Thank you: the curators will look at your suggestion.")
            return redirect("partners:suggest")
    return render(
        request,
        "partners/suggest.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
