"""The OpenAPI document is valid, its reference is served from local files, and a fuzzing
run over every write operation it describes gives no server error."""

import json

import pytest
from drf_spectacular.validation import validate_schema
from wagtail.models import APIToken

pytestmark = pytest.mark.django_db

# Values of every wrong kind for any field: type-wrong, missing, oversized, odd text.
WRONG_VALUES = [
    None,
    True,
    -1,
    1e308,
    "",
    "x" * 100_000,
    "\u0000\ud7ff🙂",
    [],
    ["ESRF", 3],
    {"nested": {"deeper": []}},
    "2027-13-45T99:99",
    "javascript:alert(1)",
]


def _schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_openapi_document_is_valid(client, home):
    schema = _schema(client)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/software/", "/api/v1/training/", "/api/v1/events/"} <= set(schema["paths"])


def test_the_reference_page_uses_local_assets_only(client, home):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    for outside in ("https://", "http://", "//fonts."):
        assert outside not in html


def _request_properties(schema, operation):
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = body.get("schema", {}).get("$ref", "")
    if not ref:
        return {}
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return component.get("properties", {})


def test_fuzzing_every_write_operation_gives_no_server_error(client, partner, esrf_entry, settings):
    settings.API_RATE = "100000/minute"  # the fuzz tests validation, not the throttle
    key = APIToken.create_token(user=partner, name="fuzz")[1]
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    schema = _schema(client)
    sent = 0
    for path, operations in schema["paths"].items():
        url = path.replace("{id}", str(esrf_entry.pk))
        if "{" in url:
            continue
        for method, operation in operations.items():
            if method not in ("post", "patch"):
                continue
            properties = _request_properties(schema, operation)
            assert properties, f"{method} {path} documents no request body"
            bodies = ["", "null", "[]", '"text"', "{", json.dumps({})]
            bodies += [json.dumps({name: value}) for name in properties for value in WRONG_VALUES]
            bodies.append(json.dumps({name: "x" * 5000 for name in properties}))
            for body in bodies:
                response = getattr(client, method)(
                    url, data=body, content_type="application/json", **auth
                )
                sent += 1
                assert response.status_code < 500, (method, path, body[:200], response.content)
                assert response.status_code != 429
    assert sent > 200
