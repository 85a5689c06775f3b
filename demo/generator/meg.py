"""The demo's MEG: schedules, a meeting held last month with its minutes, contextual items, plans and
actions, carers and letters. Each part lives in its own module."""

from collections import Counter

from accounts.models import Area
from demo.generator.meg_letters import meg_letters_demo_generate
from demo.generator.meg_plans import meg_plans_demo_generate
from demo.generator.meg_records import meg_records_demo_generate


def meg_demo_generate(*, area: Area, seed: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    counts.update(meg_records_demo_generate(area=area, seed=seed))
    counts.update(meg_plans_demo_generate(area=area, seed=seed))
    counts.update(meg_letters_demo_generate(area=area, seed=seed))
    return counts
