"""Signing in: a password, then a security code from an authenticator app (TOTP)."""

import segno
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import SecondFactorForm, SignInForm
from accounts.requests import SigningInRequest
from accounts.services import totp_device_confirm, totp_device_pending_get_or_create
from core.access_policy import Policy, access_policy, second_factor_url


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("hub:home")


@access_policy(Policy.PUBLIC)
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return HttpResponseRedirect(second_factor_url(request.user, _next_url(request)))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})


@access_policy(Policy.SIGNING_IN)
@require_http_methods(["GET", "POST"])
def verify(request: SigningInRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:setup_second_factor")
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "code",
            "The security code is not correct or has expired. Wait for a new code and try again"
            if allowed
            else "Too many wrong codes. Wait a minute, then enter a new code",
        )
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@access_policy(Policy.SIGNING_IN)
@require_http_methods(["GET", "POST"])
def setup_second_factor(request: SigningInRequest) -> HttpResponse:
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:verify")
    device = totp_device_pending_get_or_create(user=request.user)
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", "The security code is not correct. Check the time on your phone and try again")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    return render(
        request,
        "accounts/setup_second_factor.html",
        {"form": form, "qr_svg": qr_svg, "secret": _base32_secret(device), "next": _next_url(request)},
    )


def _base32_secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@access_policy(Policy.SIGNING_IN)
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "accounts/signed_out.html")
