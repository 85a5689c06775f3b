from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/security-code/", views.verify, name="verify"),
    path("sign-in/set-up-authenticator/", views.setup_second_factor, name="setup_second_factor"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
