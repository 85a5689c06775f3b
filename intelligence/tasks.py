"""The intelligence app's background tasks, run by the database worker (`manage.py db_worker`)."""

from django_tasks import task

from intelligence.models import Submission
from intelligence.services.overview import network_overview_build_run
from intelligence.services.submissions import submission_people_link


@task()
def submission_people_link_task(submission_id: int) -> None:
    """Link the people a newly stored submission names to those already known (Splink)."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is not None:
        submission_people_link(submission=submission)


@task()
def network_overview_build(run_id: int) -> str:
    """Work out the network overview: groups, who links most and hot spots (decision 0029)."""
    return network_overview_build_run(run_id=run_id)
