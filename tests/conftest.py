import pytest

from tests.other_area import OtherAreaRecord, other_area_record_build


@pytest.fixture
def other_area(partnership, assessment_tool) -> OtherAreaRecord:
    """The whole record of a child of Southdale, the other local authority (tests/other_area.py)."""
    return other_area_record_build(partnership)
