"""Whether a child of ours is placed out of area, and with whom (procedure correction 5, decision 0034).

"Likewise, if a Darlington child is placed out of area, the case holding social worker will liaise with
the host Local Authority" (seed 003, 2.2): a duty added to the child's case status, not a status of its
own. The host authority and its social worker are often outside the partnership, so they are free text.
The screening's form and the API both build one of these and hand it to the screening service; a
correction of the child's details builds one from the record and the parts it corrects (decision 0038).
"""

from dataclasses import dataclass

HOST_TEXT_MAX = 200
HOST_FIELDS = ("host_authority", "host_social_worker", "host_social_worker_contact")
PLACEMENT_FIELDS = ("placed_out_of_area", *HOST_FIELDS)
# An API request that names a host without saying whether the child is placed is asked to say it.
HOST_WITHOUT_PLACEMENT = "Send placed_out_of_area with the host authority and its social worker."


@dataclass(frozen=True, kw_only=True)
class PlacementInput:
    placed_out_of_area: bool = False
    host_authority: str = ""
    host_social_worker: str = ""
    host_social_worker_contact: str = ""

    def __post_init__(self) -> None:
        # Not placed out of area: nothing to keep about a host; placed: the text trimmed.
        for name in HOST_FIELDS:
            value = getattr(self, name).strip() if self.placed_out_of_area else ""
            object.__setattr__(self, name, value)

    def problems(self) -> dict[str, str]:
        """What is missing or too long, by field; empty when the answer can be saved."""
        found: dict[str, str] = {}
        if self.placed_out_of_area and not self.host_authority:
            found["host_authority"] = (
                "Enter the host authority the child is placed in: the case-holding social worker liaises with it "
                "(procedure 2.2)"
            )
        for name, label in (
            ("host_authority", "The host authority"),
            ("host_social_worker", "The host authority's social worker"),
            ("host_social_worker_contact", "The social worker's contact details"),
        ):
            if len(getattr(self, name)) > HOST_TEXT_MAX:
                found[name] = f"{label} must be {HOST_TEXT_MAX} characters or fewer"
        return found

    def summary(self) -> str:
        """In words, for the chronology and the child page."""
        if not self.placed_out_of_area:
            return "Not placed out of area."
        worker = ", ".join(part for part in (self.host_social_worker, self.host_social_worker_contact) if part)
        return f"Placed out of area in {self.host_authority}" + (f"; host social worker: {worker}." if worker else ".")
