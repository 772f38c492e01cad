"""PyGithub and python-gitlab go through the safe session: same checks, same User-Agent."""

import pytest
from github import Auth

from harvesters.fetch import AddressRefused, ResponseTooLarge, safe_github, safe_gitlab, user_agent

pytestmark = pytest.mark.usefixtures("only_127_0_0_1")

REPO = {
    "id": 1,
    "name": "silx",
    "full_name": "silx-kit/silx",
    "html_url": "https://github.com/silx-kit/silx",
    "url": "https://api.github.com/repos/silx-kit/silx",
    "stargazers_count": 3,
}


def test_pygithub_reaches_an_allowed_api_with_our_user_agent(server):
    server.expect_request("/repos/silx-kit/silx").respond_with_json(REPO, headers={"ETag": '"r1"'})
    client = safe_github(
        base_url=server.url_for("/").rstrip("/"), auth=Auth.Token("test-token"), retry=0
    )
    repo = client.get_repo("silx-kit/silx")
    assert repo.full_name == "silx-kit/silx" and repo.stargazers_count == 3
    request, _ = server.log[0]
    assert request.headers["User-Agent"] == user_agent()
    assert request.headers["Authorization"] == "token test-token"


def test_pygithub_pointed_at_a_refused_address_never_connects(canary):
    client = safe_github(base_url=canary.url().rstrip("/"), retry=0)
    with pytest.raises(AddressRefused):
        client.get_repo("silx-kit/silx")
    assert not canary.was_contacted()


def test_python_gitlab_reaches_an_allowed_instance(server):
    server.expect_request("/api/v4/projects/42").respond_with_json(
        {"id": 42, "path_with_namespace": "tango-controls/cppTango", "star_count": 5}
    )
    client = safe_gitlab(server.url_for("/").rstrip("/"), private_token="t0ken")
    project = client.projects.get(42)
    assert project.path_with_namespace == "tango-controls/cppTango"
    request, _ = server.log[0]
    assert request.headers["User-Agent"] == user_agent()
    assert request.headers["PRIVATE-TOKEN"] == "t0ken"


def test_python_gitlab_pointed_at_a_refused_address_never_connects(canary):
    client = safe_gitlab(canary.url().rstrip("/"))
    with pytest.raises(AddressRefused):
        client.projects.get(42)
    assert not canary.was_contacted()


def test_python_gitlab_redirected_to_a_refused_address_never_connects(server, canary):
    server.expect_request("/api/v4/projects/42").respond_with_data(
        "", status=302, headers={"Location": canary.url("/api/v4/projects/42")}
    )
    client = safe_gitlab(server.url_for("/").rstrip("/"))
    with pytest.raises(AddressRefused):
        client.projects.get(42)
    assert not canary.was_contacted()


def test_api_responses_are_capped_too(server, settings):
    settings.HARVEST_MAX_BYTES = 1000
    server.expect_request("/api/v4/projects/42").respond_with_data(
        '{"id": 42, "description": "' + "x" * 5000 + '"}', content_type="application/json"
    )
    client = safe_gitlab(server.url_for("/").rstrip("/"))
    with pytest.raises(ResponseTooLarge):
        client.projects.get(42)
