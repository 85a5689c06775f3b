"""How long the agenda pack of a MEG with about a hundred children takes to make (issue 10).

    DEBUG=true .venv/bin/python bench/pack.py [--children 100] [--runs 3]

Builds the demo partnership in a throwaway SQLite database (in a temporary folder), puts `--children`
children of Northfield on its next MEG's agenda (medium or high risk, each with a safeguarding plan of
one to four open actions, up to three missing episodes and up to two pieces of feedback), then makes
the pack `--runs` times, each in a fresh process so that no run warms the next, and prints the best
and the median wall and CPU times of reading the records and of `pdf_laid_out_from_template`, with the
pages. The machine is shared: compare the CPU times, and run before and after on the same machine.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup(children: int) -> int:
    import datetime as dt
    import random

    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import Agency, User
    from assessments.levels import RiskLevel
    from assessments.models import RiskLevelSource
    from assessments.services import risk_level_record
    from children.models import Child, MissingEpisode
    from demo.generator.everything import demo_generate
    from meetings.models import Action, Feedback, FeedbackFrom, Meeting, MeetingStatus, Plan, PlanKind
    from meetings.selectors.agenda import meeting_agenda

    call_command("migrate", "--noinput", verbosity=0)
    demo_generate(seed=2026, children_per_area=max(150, children + 20))
    rng = random.Random(5)
    screener = User.objects.get(username="screener.nfd")
    support = User.objects.get(username="megsupport.nfd")
    area = support.teams.get().agency.area
    assert area is not None
    meeting = Meeting.objects.filter(kind="meg", area=area, status=MeetingStatus.PLANNED).order_by("starts_at")[0]
    on_agenda = {entry.child_id for entry in meeting_agenda(meeting=meeting).children}
    agencies = list(Agency.objects.filter(area=area))
    now = timezone.now()
    candidates = iter(Child.objects.filter(responsible_authority=area).exclude(id__in=on_agenda).order_by("reference"))
    # A child removed from this agenda, or of another authority, does not count: add until enough are on it.
    while len(meeting_agenda(meeting=meeting).children) < children:
        child = next(candidates)
        level = RiskLevel(rng.choice(["medium", "high"]))
        decided = now - dt.timedelta(days=rng.randint(1, 20))
        risk_level_record(child=child, level=level, decided_at=decided, by=screener, source=RiskLevelSource.ASSESSMENT)
        plan = Plan.objects.create(
            area=area,
            kind=PlanKind.SAFEGUARDING,
            child=child,
            created_by=support,
            summary="Weekly contact with the designated worker; the school watches attendance.",
        )
        for number in range(rng.randint(1, 4)):
            Action.objects.create(
                plan=plan,
                description=f"Action {number + 1}: visit and review the safety plan with the family",
                owning_agency=rng.choice(agencies),
                due_on=timezone.localdate() + dt.timedelta(days=rng.randint(-10, 30)),
                created_by=support,
            )
        for _ in range(rng.randint(0, 3)):
            started = now - dt.timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 20))
            MissingEpisode.objects.create(
                child=child,
                started_at=started,
                ended_at=started + dt.timedelta(hours=rng.randint(2, 40)),
                reported_by="Carer",
                where_found="Town centre",
                recorded_by=support,
            )
        for _ in range(rng.randint(0, 2)):
            Feedback.objects.create(
                child=child,
                given_by=FeedbackFrom.CHILD,
                text="I want to stay at my school and see my friends.",
                received_on=timezone.localdate() - dt.timedelta(days=rng.randint(0, 20)),
                recorded_by=support,
            )
    return int(meeting.pk)


def _one_run(meeting_id: int, template: str) -> dict[str, float]:
    from core.pdf import pdf_laid_out_from_template
    from meetings.models import Meeting
    from meetings.selectors.pack import meeting_pack_read

    meeting = Meeting.objects.select_related("area", "chair").get(pk=meeting_id)
    wall = time.perf_counter()
    pack = meeting_pack_read(meeting=meeting)
    read_wall = time.perf_counter() - wall
    wall, cpu = time.perf_counter(), time.process_time()
    made = pdf_laid_out_from_template(template, {"pack": pack, "meeting": pack.meeting})
    return {
        "children": len(pack.children),
        "pages": made.pages,
        "bytes": len(made.data),
        "read_wall": read_wall,
        "pdf_wall": time.perf_counter() - wall,
        "pdf_cpu": time.process_time() - cpu,
    }


def _django(folder: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "CSE_HUB_DATA_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/pack.sqlite3",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--template",
        action="append",
        help="the pack template (default meetings/pack/pack.html); give several to compare, run in turn",
    )
    parser.add_argument("--run-one", nargs=2, metavar=("FOLDER", "MEETING"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run_one:
        folder, meeting_id = arguments.run_one
        _django(folder)
        print(json.dumps(_one_run(int(meeting_id), arguments.template[0])))
        return 0
    with tempfile.TemporaryDirectory(prefix="cse-hub-pack-bench-") as folder:
        _django(folder)
        started = time.perf_counter()
        meeting_id = _setup(arguments.children)
        print(f"Built the demo and the agenda in {time.perf_counter() - started:.1f} s", flush=True)
        templates = arguments.template or ["meetings/pack/pack.html"]
        runs: dict[str, list[dict[str, float]]] = {template: [] for template in templates}
        for number in range(arguments.runs):
            for template in templates:  # in turn, so that a busy moment of the machine falls on each alike
                command = [sys.executable, __file__, "--run-one", folder, str(meeting_id), "--template", template]
                output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ).stdout
                run = json.loads(output.strip().splitlines()[-1])
                runs[template].append(run)
                print(
                    f"run {number + 1}, {template}: {run['pdf_wall']:.2f} s wall, {run['pdf_cpu']:.2f} s CPU",
                    flush=True,
                )
    for template, done in runs.items():
        first = done[0]
        walls, cpus = [run["pdf_wall"] for run in done], [run["pdf_cpu"] for run in done]
        print(
            f"{template}: {first['children']} children, {first['pages']} pages, {first['bytes'] / 1e6:.2f} MB; "
            f"records read in {min(run['read_wall'] for run in done):.2f} s; "
            f"PDF best {min(walls):.2f} s wall / {min(cpus):.2f} s CPU, "
            f"median {statistics.median(walls):.2f} s wall / {statistics.median(cpus):.2f} s CPU "
            f"({len(done)} runs, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
