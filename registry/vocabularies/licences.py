"""SPDX licence expressions, validated and normalised by license-expression."""

from functools import cache

from django.core.exceptions import ValidationError
from license_expression import get_spdx_licensing


@cache
def _licensing():
    return get_spdx_licensing()


def normalise_spdx(expression: str) -> str:
    """Return the SPDX form of `expression` (`GPL-2.0` → `GPL-2.0-only`) or raise ValidationError."""
    info = _licensing().validate(expression.strip())
    if info.errors or not info.normalized_expression:
        raise ValidationError(
            "“%(value)s” is not a valid SPDX licence expression (%(reason)s). "
            "Use identifiers from https://spdx.org/licenses/, e.g. MIT or GPL-3.0-or-later.",
            params={"value": expression, "reason": "; ".join(info.errors) or "empty"},
            code="invalid_spdx",
        )
    return info.normalized_expression


def validate_spdx(expression: str) -> None:
    """Model-field validator: an empty value is allowed (unknown licence), a wrong one is not."""
    if expression:
        normalise_spdx(expression)
