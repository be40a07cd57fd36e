"""Settings shared by every environment.

Every value a deployment changes is read from the environment (or a `.env` file
beside manage.py) through django-environ; `.env.example` lists them all. With no
environment at all the defaults give the embedded set-up: SQLite in WAL mode,
Celery on kombu's filesystem transport, and emails written to files under var/.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Where the embedded set-up keeps its database, broker queue and sent emails.
VAR_DIR = Path(env.str("ADOPTADAPT_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="django-insecure-embedded-default-only")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The address links in emails point at (digests, reminders, invitations).
SITE_URL = env.str("ADOPTADAPT_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SERVICE_NAME = "Adopt & Adapt"
# Who runs the service and where people report accessibility problems (the
# accessibility statement at /accessibility/).
SERVICE_ORGANISATION = env.str("ADOPTADAPT_ORGANISATION", default="the Adopt & Adapt team")
ACCESSIBILITY_EMAIL = env.str(
    "ADOPTADAPT_ACCESSIBILITY_EMAIL", default="accessibility@adoptadapt.localhost"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    # Security (issue 9): sign-in lock-out, a second factor for admins, the CSP header.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "adoptadapt",
    "accounts",
    "innovations",
    "sites.apps.SitesConfig",
    "governance",
    # Read-only JSON API (issue 7): DRF, its OpenAPI schema, self-hosted docs assets.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Logs every 403 as a security event; gives events inside a request its IP and path.
    "adoptadapt.middleware.SecurityEventMiddleware",
    "adoptadapt.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Default deny: every view needs sign-in unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Within a GET, a person's roles on an adoption are read once for every permission check.
    "adoptadapt.request_memo.RequestMemoMiddleware",
    # Signs out after SESSION_IDLE_TIMEOUT without a request, or SESSION_COOKIE_AGE in all.
    "adoptadapt.middleware.SessionTimeoutMiddleware",
    # With ADMIN_TWO_FACTOR_REQUIRED: admins verify a code from their app before anything.
    "accounts.two_factor.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every audit-history row written in a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a sign-in refused for too many failures into the sign-in page saying so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "adoptadapt.urls"
WSGI_APPLICATION = "adoptadapt.wsgi.application"

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
                "adoptadapt.context_processors.service",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'adoptadapt.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the worker writes; IMMEDIATE takes the
    # write lock at BEGIN so concurrent writers wait instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=wal; PRAGMA synchronous=normal;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    # Reconnects after a database restart without restarting the web processes.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People and permissions -------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out email address and IP before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_COOKIE_AGE
# seconds after sign-in however busy (adoptadapt.middleware.SessionTimeoutMiddleware, which
# saves the session when it notes activity, at most once a minute, not on every request).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security (issue 9; README "Security") ------------------------------------------
# Proxies in front of the web processes that append to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR). Sign-in lock-out and security logs use the address it gives.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Sign-in lock-out (django-axes): LOGIN_FAILURE_LIMIT wrong passwords for one email
# address from one IP lock that pair out for LOGIN_LOCKOUT_MINUTES; a success resets it.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A try while locked out does not restart the wait, so the page tells the truth.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "adoptadapt.security.axes_username"
AXES_CLIENT_IP_CALLABLE = "adoptadapt.security.client_ip"
AXES_LOCKOUT_CALLABLE = "adoptadapt.security.lockout_response"
# Every success is otherwise a row in axes' access log; failures are what matter.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# A second factor (a TOTP app) for directory admins and staff, when true.
ADMIN_TWO_FACTOR_REQUIRED = env.bool("ADMIN_TWO_FACTOR_REQUIRED", default=False)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = SERVICE_NAME

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Language, time ---------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# static/build/ is made by `npm run build` from the pinned govuk-frontend package.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Forms ------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Email ------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Adopt & Adapt <no-reply@adoptadapt.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "adoptadapt.mail.FileEmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "emails"
# "django" sends every email through EMAIL_BACKEND above; "notify" through GOV.UK
# Notify, with an email template whose subject is ((subject)) and body ((body)).
EMAIL_PROVIDER = env.str("EMAIL_PROVIDER", default="django")
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_EMAIL_TEMPLATE_ID = env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
NOTIFY_EMAIL_REPLY_TO_ID = env.str("NOTIFY_EMAIL_REPLY_TO_ID", default="")
if EMAIL_PROVIDER == "notify":
    EMAIL_BACKEND = "adoptadapt.mail.NotifyEmailBackend"
# Digests and reminders: tries per email, the first wait before trying again (doubled
# each time), and how long a send may sit unfinished before it is reported as stuck.
EMAIL_SEND_MAX_ATTEMPTS = env.int("EMAIL_SEND_MAX_ATTEMPTS", default=5)
EMAIL_RETRY_BACKOFF_SECONDS = env.int("EMAIL_RETRY_BACKOFF_SECONDS", default=60)
EMAIL_STUCK_AFTER_MINUTES = env.int("EMAIL_STUCK_AFTER_MINUTES", default=30)

# --- Celery -----------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport needs no server. The in and out folders must
    # be the same folder, or the worker never sees what beat and the web queue.
    for folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        # Broadcast (worker control) messages; kombu's default is ./control.
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    # Above the longest task, so Redis does not redeliver a task still running.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
        "socket_connect_timeout": 5,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # 03:20 UTC is clear of the 01:00 UTC clock changes in Europe/London.
    "clear-expired-sessions": {
        "task": "adoptadapt.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=20),
    },
    # Daily, and so also the catch-up: each run sends whatever is due and not yet sent,
    # working out the day in Europe/London itself. 06:15 and 06:30 UTC are the same
    # London date all year and far from the 01:00 UTC clock changes.
    "send-due-digests": {
        "task": "governance.tasks.plan_due_digests",
        "schedule": crontab(hour=6, minute=15),
    },
    "send-due-reminders": {
        "task": "governance.tasks.plan_due_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
}

# --- Cache and the read-only API ---------------------------------------------
# The API's rate limits count requests in this cache, so it must be shared by every
# web process: files under var/ on one machine (the embedded default), or Redis
# (CACHE_URL=redis://host:6379/1) when web processes run on several machines.
if env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
    if CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # A Redis that stops answering fails fast (the API's limits then fail open)
        # rather than holding requests until TCP gives up.
        CACHES["default"].setdefault("OPTIONS", {}).update(
            socket_connect_timeout=2, socket_timeout=2
        )
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# The public directory's pages are kept whole for visitors who are not signed in, until
# anything they show changes (adoptadapt/page_cache.py): in the same store, but apart, so
# a file cache culling pages never drops the rate-limit counts.
PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", default=True)
# The costly parts of signed-in pages (a board's month on its dashboard, an adoption
# overview's body) and the API's answers are kept there too, until anything stored
# changes (adoptadapt/fragment_cache.py).
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["pages"] = {
        "BACKEND": CACHES["default"]["BACKEND"],
        "LOCATION": str(VAR_DIR / "cache" / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
else:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        # Per client address when not signed in; per person (token or session) otherwise.
        "anon": env.str("API_THROTTLE_ANON_RATE", default="60/minute"),
        "user": env.str("API_THROTTLE_USER_RATE", default="600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    # Reporting tools read numbers, not strings.
    "COERCE_DECIMAL_TO_STRING": False,
    "EXCEPTION_HANDLER": "api.views.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Adopt & Adapt API",
    "DESCRIPTION": (
        "Read-only access to the innovation directory and to the adoptions, monthly "
        "updates, fidelity assessments, adaptations and boards you may see in the "
        "service. Send a personal API token as `Authorization: Bearer <token>`; "
        "without one you see the published directory (innovations and organisations)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TAGS": [
        {"name": "directory", "description": "Innovations and organisations: open to anyone."},
        {"name": "adoptions", "description": "Adoptions and what is logged against them."},
        {"name": "boards", "description": "Governance boards, for their members."},
    ],
}

# Day of the following month a monthly progress update is due (1–28).
PROGRESS_UPDATE_DUE_DAY = env.int("PROGRESS_UPDATE_DUE_DAY", default=10)
# Days before that due day the first reminder goes to the people who submit the update.
REMINDER_DAYS_BEFORE_DUE = env.int("REMINDER_DAYS_BEFORE_DUE", default=3)

# Months between fidelity assessments: the next is due this long after the last.
FIDELITY_ASSESSMENT_INTERVAL_MONTHS = env.int("FIDELITY_ASSESSMENT_INTERVAL_MONTHS", default=3)
# Days an invitation link works before the inviter must send a new one.
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=7)

# How long a broker check in /healthz may take before it reports the broker down.
HEALTHZ_BROKER_TIMEOUT = env.float("HEALTHZ_BROKER_TIMEOUT", default=2.0)

# The demo loader refuses to run where this is False (production settings).
DEMO_DATA_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "adoptadapt.jsonlog.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler would print every record a second time.
        "django": {"handlers": [], "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Security events as JSON lines (adoptadapt/security.py), for a log collector.
        "adoptadapt.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
