"""The MEG schedule is partnership structure, set by a system administrator; meetings hold no child data."""

from django.contrib import admin

from meetings.models import MegSchedule

admin.site.register(MegSchedule)
