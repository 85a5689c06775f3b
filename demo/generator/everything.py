"""The whole demo, as `seed_demo` builds it: the partnership, then each area's front door, MEG and
intelligence, then the people linked across every report. Tests that must see every kind of record
build it the same way."""

from collections import Counter

from accounts.models import Area, User
from demo.generator import DemoPartnership, Writer, demo_area_codes, partnership_generate
from demo.generator.front_door import front_door_activity_generate, meg_demo_schedule
from demo.generator.intelligence import intelligence_demo_generate, intelligence_meg_links_generate
from demo.generator.meg import meg_demo_generate
from demo.generator.missing import missing_demo_generate
from intelligence.services.linkage import people_link_all


def demo_generate(
    *, seed: int, children_per_area: int, front_door: bool = True, out: Writer | None = None
) -> DemoPartnership:
    """Create the demo partnership and, unless `front_door` is off, everything that happens in it."""
    result = partnership_generate(seed=seed, children_per_area=children_per_area, out=out)
    if not front_door:
        return result
    counts: Counter[str] = result.counts
    areas = list(Area.objects.filter(code__in=demo_area_codes()).order_by("code"))
    for area in areas:
        screener = User.objects.get(username=f"screener.{area.code.lower()}")
        counts.update(front_door_activity_generate(area=area, screener=screener, seed=seed))
        counts["MEG meetings"] += len(meg_demo_schedule(area=area))
        counts.update(meg_demo_generate(area=area, seed=seed))
        counts.update(intelligence_demo_generate(area=area, seed=seed))
        counts.update(missing_demo_generate(area=area))
    # One batch links the people every area's reports mention, as `resolve_entities` would.
    counts["people resolved from intelligence"] += people_link_all().people
    for area in areas:
        counts.update(intelligence_meg_links_generate(area=area))
    return result
