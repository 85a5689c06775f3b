from collections.abc import Sequence
from typing import Any

from django import forms

from children.models import Child
from meetings.models import ContextualKind


class ContextualItemForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=ContextualKind.choices,
        error_messages={
            "required": "Select what the item is: a location, a suspected perpetrator, a vehicle or a peer group"
        },
    )
    title = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter a short name for the item, for example 'Takeaway on Station Road'",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    description = forms.CharField(label="What is known", widget=forms.Textarea, required=False, max_length=5000)
    children = forms.MultipleChoiceField(
        label="Children it affects",
        required=False,
        error_messages={"invalid_choice": "Select only children from the list"},
    )

    def __init__(self, *args: Any, children: Sequence[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._children = {str(child.pk): child for child in children}
        field = self.fields["children"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(key, f"{child.full_name} ({child.reference})") for key, child in self._children.items()]

    def chosen_children(self) -> list[Child]:
        return [self._children[key] for key in self.cleaned_data["children"]]


class ContextualItemCloseForm(forms.Form):
    reason = forms.CharField(
        label="Why is the item closed?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say why the item is closed"},
    )
