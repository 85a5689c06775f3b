"""CSE Hub settings, read from the environment.

Two profiles: development (DEBUG=true, the default for `make demo`) and production
(DEBUG=false), which must pass `manage.py check --deploy` with no warnings.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CSE_HUB_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def demo_secret_key() -> str:
    """A secret key for development only, generated once and kept in the data folder."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (DEBUG=false): "
            "use at least 50 random characters, for example from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
    SECRET_KEY = demo_secret_key()


def demo_field_keys() -> list[str]:
    """A field encryption key for development only, generated once and kept in the data folder."""
    from cryptography.fernet import Fernet

    path = DATA_DIR / "field_encryption_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return [path.read_text().strip()]


# Newest first: values are encrypted with the first key and decrypted with any (core/crypto.py).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", "")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be set in production (DEBUG=false): a comma-separated list of Fernet "
            "keys, newest first, for example from "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
    FIELD_ENCRYPTION_KEYS = demo_field_keys()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

PARTNERSHIP_NAME = os.environ.get("PARTNERSHIP_NAME", "Northfield and Southdale Safeguarding Partnership")
SERVICE_NAME = "CSE Hub"

# The public pages under /report/ (intelligence/views/public.py): the numbers the partnership gives the
# public. The defaults are fictional (Ofcom's drama range) for the demo: set real ones in production.
PARTNERSHIP_PUBLIC = {
    "police_non_emergency_phone": os.environ.get("PUBLIC_POLICE_NON_EMERGENCY_PHONE", "101"),
    "front_door_name": os.environ.get("PUBLIC_FRONT_DOOR_NAME", "Children's Services front door"),
    "front_door_phone": os.environ.get("PUBLIC_FRONT_DOOR_PHONE", "01632 960000"),
    "front_door_out_of_hours_phone": os.environ.get("PUBLIC_FRONT_DOOR_OUT_OF_HOURS_PHONE", "01632 960001"),
    # An anonymous reporting line, shown only when both are set.
    "anonymous_line_name": os.environ.get("PUBLIC_ANONYMOUS_LINE_NAME", ""),
    "anonymous_line_phone": os.environ.get("PUBLIC_ANONYMOUS_LINE_PHONE", ""),
}
# Community reports each client address may send, as django-ratelimit rates ("5/10m": five in ten minutes).
PUBLIC_REPORT_RATES = env_list("PUBLIC_REPORT_RATES", "5/10m,20/d")
# The largest community report accepted, in bytes of form data: far above what the form's fields allow.
PUBLIC_REPORT_MAX_BYTES = int(os.environ.get("PUBLIC_REPORT_MAX_BYTES", str(200_000)))
# Where the client's address is when a proxy puts it in a header (e.g. HTTP_X_REAL_IP); else REMOTE_ADDR.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None

# The front door's missing-episodes prompt (frontdoor/missing_prompt.py, decision 0033): a child with at
# least this many missing episodes starting within this many days, and no confirmed level of risk.
MISSING_PROMPT_EPISODES = int(os.environ.get("MISSING_PROMPT_EPISODES", "3"))
MISSING_PROMPT_DAYS = int(os.environ.get("MISSING_PROMPT_DAYS", "90"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "audit",
    "children",
    "assessments",
    "frontdoor",
    "challenges",
    "meetings",
    "intelligence",
    "hub",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.standing.StandingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.errors.NotFoundPageMiddleware",
    "core.access_policy.AccessPolicyMiddleware",
    "audit.middleware.RefusedReadMiddleware",
    # Axes must come last: it turns a lockout into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.service",
                "accounts.context_processors.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'cse_hub.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# An access event is written in the same transaction as the read it records.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"]["NAME"] = os.environ.get("TEST_SQLITE_NAME", "")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No just-in-time compilation (decision 0032): the gates' conditions make the planner's cost
    # estimates large while the queries read a few rows, and compiling them cost 0.8 s a query.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# Rate limits (the public report form) count in the cache: Redis when REDIS_URL is set, so that every
# server process shares the counts; otherwise this process's memory, which suits one-process demos.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Long work (agenda packs, a meeting's letters, linking the people of a new report) runs as background
# tasks, stored in the database so that SQLite and PostgreSQL both serve (docs/decisions/0020). The
# worker is `manage.py db_worker`: `make demo` starts one beside runserver; production runs it as a
# process of its own with the same settings (README, "Background worker").
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "hub:home"

# Lockout: five wrong passwords for one account from one address lock it for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = SERVICE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# Idle timeout: a session ends after 30 minutes without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cse-hub@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an unauthenticated request gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.IsVerifiedUser"],
    "EXCEPTION_HANDLER": "core.api_base.refusal_noting_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSE Hub API",
    "DESCRIPTION": "Case management and intelligence for a safeguarding partnership. "
    "Every read of child data is access-checked and logged.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_PERMISSIONS": ["core.api.IsVerifiedUser"],
    # One name for each set of codes that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "RiskLevelEnum": "assessments.levels.RiskLevel.choices",
        "TaskCodeEnum": "frontdoor.api.TASK_CODES",
        "TaskConditionEnum": "frontdoor.api.TASK_CONDITIONS",
        "ActionStatusEnum": "meetings.models.plans.ActionStatus.choices",
        "MeetingStatusEnum": "meetings.models.meeting.MeetingStatus.choices",
        "MeetingKindEnum": "meetings.models.meeting.MeetingKind.choices",
        "AttendanceEnum": "meetings.models.meeting.Attendance.choices",
        "TacticEnum": "meetings.models.plans.Tactic.choices",
        "PlanKindEnum": "meetings.models.plans.PlanKind.choices",
        "ContextualKindEnum": "meetings.models.agenda.ContextualKind.choices",
        "EntityKindEnum": "intelligence.models.entities.EntityKind.choices",
        "LocationKindEnum": "intelligence.models.submission.LocationKind.choices",
        "KnowledgeEnum": "intelligence.models.submission.Knowledge.choices",
        "SubmissionSourceEnum": "intelligence.models.submission.SubmissionSource.choices",
        "NoteSourceEnum": "children.models.NoteSource.choices",
        "RiskLevelSourceEnum": "assessments.models.RiskLevelSource.choices",
        "ContactClosureReasonEnum": "frontdoor.models.contact_closure.ContactClosureReason.choices",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
