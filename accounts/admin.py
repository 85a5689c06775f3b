"""System administration covers the partnership's structure and accounts only.

No child-identifiable model is registered here: case content is reached only through the
access gates, which system administrators pass only if they also hold a case role.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Agency, Area, Membership, Team, User


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0


@admin.register(User)
class CSEHubUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Work", {"fields": ("job_title",)}))


admin.site.register(Area)
admin.site.register(Agency)
admin.site.register(Team)


# django_otp's own admin shows each device's secret key and QR code, which would let an
# administrator copy anyone's second factor. Administrators may only see and remove devices
# (for a lost phone); the user then sets up a new one at their next sign-in.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "name", "confirmed"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user", "name", "confirmed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
