"""SPDX licence expressions, validated and normalised by license-expression."""

import re
from functools import cache

from django.core.exceptions import ValidationError
from license_expression import get_spdx_licensing


@cache
def _licensing():
    return get_spdx_licensing()


# The characters SPDX expressions are made of. license-expression itself
# fails with an AttributeError (not its ExpressionError) on some others, such
# as a NUL byte, so they are refused before it sees them.
SPDX_CHARACTERS = re.compile(r"[A-Za-z0-9.+:()\- ]+")


def normalise_spdx(expression: str) -> str:
    """Return the SPDX form of `expression` (`GPL-2.0` → `GPL-2.0-only`) or raise ValidationError."""
    if not SPDX_CHARACTERS.fullmatch(expression.strip()):
        raise ValidationError(
            "“%(value)s” is not a valid SPDX licence expression (it holds characters SPDX "
            "identifiers never use). Use identifiers from https://spdx.org/licenses/, e.g. MIT.",
            params={"value": expression[:200]},
            code="invalid_spdx",
        )
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
