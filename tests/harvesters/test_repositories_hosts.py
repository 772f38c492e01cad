"""Repository hosts are data: the command, the seeded hosts, URL parsing, unknown hosts."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from harvesters.repositories import Result, refresh_repositories
from harvesters.repositories.hosts import seed_facility_gitlabs
from harvesters.repositories.models import RepositoryHarvestState, RepositoryHost
from harvesters.repositories.references import RepositoryUrlError, parse_repository_url

from .repository_replay import make_entry, no_leftover_locks_fixture  # noqa: F401

HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "gitlab.esrf.fr": "gitlab"}


def command(*args) -> str:
    out = StringIO()
    call_command("set_repository_host", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_github_and_gitlab_com_are_seeded_and_github_uses_the_setting(settings):
    settings.GITHUB_API_URL = "https://github.example.org/api/v3"
    github = RepositoryHost.objects.get(name="github.com")
    gitlab = RepositoryHost.objects.get(name="gitlab.com")

    assert (github.kind, github.api_url, github.token_env) == ("github", "", "GITHUB_TOKEN")
    assert github.effective_api_url == "https://github.example.org/api/v3"
    assert (gitlab.kind, gitlab.effective_api_url) == ("gitlab", "https://gitlab.com/api/v4")


@pytest.mark.django_db
def test_set_repository_host_creates_then_reports_unchanged_then_updates():
    first = command("gitlab.esrf.fr", "--kind", "gitlab", "--api-url", "https://gitlab.esrf.fr")
    second = command(
        "gitlab.esrf.fr", "--kind", "gitlab", "--api-url", "https://gitlab.esrf.fr/api/v4/"
    )
    third = command(
        "gitlab.esrf.fr",
        "--kind",
        "gitlab",
        "--api-url",
        "https://gitlab.esrf.fr",
        "--token-env",
        "ESRF_GITLAB_TOKEN",
    )

    assert "Registered gitlab.esrf.fr" in first and "api url https://gitlab.esrf.fr/api/v4" in first
    assert second.strip() == "gitlab.esrf.fr unchanged."
    assert "token env ESRF_GITLAB_TOKEN" in third
    assert "ESRF_GITLAB_TOKEN is not set" in third
    host = RepositoryHost.objects.get(name="gitlab.esrf.fr")
    assert (host.api_url, host.token_env) == ("https://gitlab.esrf.fr/api/v4", "ESRF_GITLAB_TOKEN")
    assert RepositoryHost.objects.filter(name="gitlab.esrf.fr").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["https://gitlab.esrf.fr", "--kind", "gitlab", "--api-url", "https://x.org"],
            "not a host name",
        ),
        (["gitlab.esrf.fr", "--kind", "gitlab"], "Give the API URL of gitlab.esrf.fr"),
        (["gitlab.esrf.fr", "--kind", "gitlab", "--api-url", "ftp://x.org"], "valid URL"),
        (
            [
                "gitlab.esrf.fr",
                "--kind",
                "gitlab",
                "--api-url",
                "https://x.org",
                "--token-env",
                "glpat-123",
            ],
            "NAME of an environment variable",
        ),
    ],
)
def test_set_repository_host_refuses_bad_input_and_changes_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        command(*args)
    assert not RepositoryHost.objects.filter(name="gitlab.esrf.fr").exists()


@pytest.mark.django_db
def test_the_facilities_gitlabs_are_registered_once_and_operator_settings_kept(home):
    from tests.software.factories import FacilityFactory

    esrf = FacilityFactory(acronym="ESRF", gitlab_url="https://gitlab.esrf.fr/")
    FacilityFactory(acronym="DESY", gitlab_url="https://gitlab.desy.de/")
    FacilityFactory(acronym="ILL")
    command(
        "gitlab.desy.de",
        "--kind",
        "gitlab",
        "--api-url",
        "https://gitlab.desy.de",
        "--token-env",
        "DESY_TOKEN",
    )

    seed_facility_gitlabs()
    again = seed_facility_gitlabs()

    esrf_host = RepositoryHost.objects.get(name="gitlab.esrf.fr")
    assert (esrf_host.kind, esrf_host.api_url, esrf_host.facility) == (
        "gitlab",
        "https://gitlab.esrf.fr/api/v4",
        esrf,
    )
    assert RepositoryHost.objects.get(name="gitlab.desy.de").token_env == "DESY_TOKEN"
    assert [change.changes for change in again] == [[], []]


@pytest.mark.parametrize(
    "url, path",
    [
        ("https://github.com/silx-kit/silx", "silx-kit/silx"),
        ("https://github.com/silx-kit/silx.git", "silx-kit/silx"),
        ("https://www.github.com/silx-kit/pyFAI/tree/main/src", "silx-kit/pyFAI"),
        ("http://GitHub.com/silx-kit/silx/", "silx-kit/silx"),
    ],
)
def test_github_urls_give_owner_and_name(url, path):
    ref = parse_repository_url(url, hosts=HOSTS)
    assert (ref.host, ref.kind, ref.path) == ("github.com", "github", path)


@pytest.mark.parametrize(
    "url, path",
    [
        ("https://gitlab.esrf.fr/workflow/ewoks/ewoks", "workflow/ewoks/ewoks"),
        ("https://gitlab.esrf.fr/workflow/ewoks/ewoks/-/issues/12", "workflow/ewoks/ewoks"),
        ("https://gitlab.esrf.fr/tomotools/nabu.git", "tomotools/nabu"),
        ("https://gitlab.esrf.fr/tomotools/nabu/tree/master", "tomotools/nabu"),
        ("https://gitlab.com/tango-controls/cppTango/", "tango-controls/cppTango"),
    ],
)
def test_gitlab_urls_keep_their_subgroups(url, path):
    assert parse_repository_url(url, hosts=HOSTS).path == path


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://jugit.fz-juelich.de/mlz/bornagain", "jugit.fz-juelich.de is not a registered"),
        ("https://github.com/silx-kit", "names no project"),
        ("https://github.com/orgs/silx-kit/repositories", "a GitHub page"),
        ("ftp://github.com/a/b", r"not an http\(s\) URL"),
    ],
)
def test_urls_that_name_no_known_project_are_explained(url, message):
    with pytest.raises(RepositoryUrlError, match=message):
        parse_repository_url(url, hosts=HOSTS)


@pytest.mark.django_db
def test_an_entry_on_an_unknown_host_is_reported_in_the_summary_and_recorded(home):
    entry = make_entry("BornAgain", "https://jugit.fz-juelich.de/mlz/bornagain")

    summary = refresh_repositories(sync=True)

    assert summary.skipped == 1 and summary.outcomes[0].result == Result.SKIPPED
    assert "jugit.fz-juelich.de is not a registered repository host" in summary.as_table()
    state = RepositoryHarvestState.objects.get(entry=entry)
    assert state.outcome == "unknown_host"
    # Reported again next time, but not written again.
    refresh_repositories(sync=True)
    assert RepositoryHarvestState.objects.get(entry=entry).since == state.since


@pytest.mark.django_db
def test_the_demo_registers_the_gitlabs_the_facilities_fixture_names(home):
    from harvesters.repositories import demo
    from registry.facilities import demo as facilities_demo
    from registry.facilities.models import Facility

    facilities_demo.load(stdout=StringIO())
    out = StringIO()
    demo.load(stdout=out)
    again = StringIO()
    demo.load(stdout=again)

    named = {f.acronym for f in Facility.objects.exclude(gitlab_url="")}
    hosts = RepositoryHost.objects.filter(facility__isnull=False)
    assert named and {h.facility.acronym for h in hosts} == named
    assert all(h.kind == "gitlab" and h.api_url.endswith("/api/v4") for h in hosts)
    assert RepositoryHost.objects.get(name="gitlab.esrf.fr").facility.acronym == "ESRF"
    assert f"0 registered or updated, {len(named)} unchanged" in again.getvalue()
