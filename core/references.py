"""Human-readable references (NFD-000123, CT-NFD-000045): a prefix and a number that counts up."""

from django.db import models

WIDTH = 6


def reference_next(*, queryset: "models.QuerySet[models.Model]", field: str, prefix: str) -> str:
    """The next free reference with this prefix.

    Call it inside a transaction that has locked the row the numbering belongs to (the area), so
    that two records created at once cannot take the same number.
    """
    # Numbers are zero-padded to a fixed width, so the greatest string is the greatest number.
    last = (
        queryset.filter(**{f"{field}__startswith": f"{prefix}-"})
        .order_by(f"-{field}")
        .values_list(field, flat=True)
        .first()
    )
    number = int(str(last).rsplit("-", 1)[1]) if last else 0
    return f"{prefix}-{number + 1:0{WIDTH}d}"
