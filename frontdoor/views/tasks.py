from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.requests import StaffRequest
from children.selectors.allocations import designated_cse_worker_choices
from core.access_policy import Policy, access_policy
from core.request_context import access_context_from_request
from frontdoor.access import may_act_on_task
from frontdoor.forms import TaskCancelForm, TaskCompleteForm
from frontdoor.models import TaskStatus
from frontdoor.routing import TaskCode
from frontdoor.selectors.tasks import task_detail_read
from frontdoor.services.tasks import task_cancel, task_complete
from frontdoor.task_release import outcome_required


@access_policy(Policy.STAFF)
@require_http_methods(["GET", "POST"])
def task_detail(request: StaffRequest, task_id: int) -> HttpResponse:
    user = request.user
    task = task_detail_read(user=user, task_id=task_id, context=access_context_from_request(request))
    may_act = may_act_on_task(user, task) and task.status in (TaskStatus.OPEN, TaskStatus.WAITING)
    action = request.POST.get("action") if request.method == "POST" and may_act else None
    complete_form = TaskCompleteForm(
        request.POST if action == "complete" else None,
        task=task,
        designated_cse_workers=designated_cse_worker_choices(child=task.child)
        if task.code == TaskCode.REFER_TO_DESIGNATED_CSE_WORKER and may_act
        else (),
    )
    cancel_form = TaskCancelForm(request.POST if action == "cancel" else None)
    if action == "complete" and complete_form.is_valid():
        try:
            task_complete(
                task=task,
                by=user,
                outcome=complete_form.outcome(),
                note=complete_form.cleaned_data["note"],
                designated_cse_worker_id=complete_form.designated_cse_worker_id(),
            )
        except ValidationError as error:
            for message in error.messages:
                complete_form.add_error(None, message)
        else:
            return redirect("hub:worklist")
    if action == "cancel" and cancel_form.is_valid():
        try:
            task_cancel(task=task, by=user, reason=cancel_form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                cancel_form.add_error("reason", message)
        else:
            return redirect("hub:worklist")
    return render(
        request,
        "frontdoor/task_detail.html",
        {
            "task": task,
            "complete_form": complete_form,
            "cancel_form": cancel_form,
            "outcome_required": outcome_required(TaskCode(task.code)),
            "can_act": may_act,
            "form": complete_form if action != "cancel" else cancel_form,
        },
    )
