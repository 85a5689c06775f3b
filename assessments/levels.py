"""Risk levels of the CSE risk assessment tool (seed 003, 2.2): low, medium or high."""

from django.db import models


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"

    @property
    def is_medium_or_high(self) -> bool:
        return self in (RiskLevel.MEDIUM, RiskLevel.HIGH)
