import re

from django import forms

from children.selectors.allocations import Candidate

_CHOICE = re.compile(r"^(\d{1,12}):([a-z_]{1,30})$")


class AllocationStartForm(forms.Form):
    """The worker, chosen from those the manager may allocate; the service decides whether they may."""

    worker = forms.CharField(label="Worker to allocate", error_messages={"required": "Choose a worker to allocate"})

    def __init__(self, *args: object, candidates: list[Candidate], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.choices = [("", "Choose a worker"), *((c.value, c.label) for c in candidates)]

    def clean_worker(self) -> str:
        value = str(self.cleaned_data["worker"]).strip()
        if not _CHOICE.match(value):
            raise forms.ValidationError("Choose a worker from the list")
        return value

    def chosen(self) -> tuple[int, str]:
        matched = _CHOICE.match(self.cleaned_data["worker"])
        assert matched is not None
        return int(matched.group(1)), matched.group(2)


class AllocationEndForm(forms.Form):
    reason = forms.CharField(
        label="Why does this allocation end?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why the allocation ends"},
    )
