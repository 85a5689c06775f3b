from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        # One message for a wrong username and a wrong password: the form must not reveal which.
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been disabled. Contact your system administrator.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=10,
        error_messages={"required": "Enter the 6-digit security code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].replace(" ", "")
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("Enter the security code as 6 digits, like 123456")
        return code
