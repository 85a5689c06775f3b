"""API fields for the child record's values that JSON says its own way."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from children.case_status import FORMER_PLACED_OUT_OF_AREA, FORMER_PLACED_OUT_OF_AREA_EXPLANATION, CaseStatus
from children.learning_disability import LearningDisability


@extend_schema_field(
    {
        "oneOf": [{"type": "boolean"}, {"type": "string", "enum": [LearningDisability.NOT_KNOWN.value]}],
        "description": 'Whether the child has a learning disability: true, false, or "not_known". Not known stays '
        "not known until answered and is treated with the same caution as true (procedure 2.2, note).",
    }
)
class LearningDisabilityField(serializers.Field):  # type: ignore[type-arg]
    """true, false or "not_known" in JSON; a LearningDisability inside."""

    default_error_messages = {"invalid": 'Must be true, false or "not_known".'}

    def to_internal_value(self, data: Any) -> LearningDisability:
        if isinstance(data, bool):
            return LearningDisability.YES if data else LearningDisability.NO
        if data == LearningDisability.NOT_KNOWN.value:
            return LearningDisability.NOT_KNOWN
        self.fail("invalid")
        raise AssertionError("unreachable")

    def to_representation(self, value: Any) -> bool | str:
        if value == LearningDisability.NOT_KNOWN:
            return LearningDisability.NOT_KNOWN.value
        return bool(value == LearningDisability.YES)


class CaseStatusField(serializers.ChoiceField):
    """A case status code. The former "placed_out_of_area" is refused with the field that replaced it
    (procedure correction 5, decision 0034), rather than as any unknown code."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=CaseStatus.choices, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if data == FORMER_PLACED_OUT_OF_AREA:
            raise serializers.ValidationError(FORMER_PLACED_OUT_OF_AREA_EXPLANATION)
        return super().to_internal_value(data)
