"""Settings of the portal, read from the environment.

The embedded default (no DATABASE_URL) needs nothing installed: SQLite in the
project folder, Celery tasks run eagerly, local-memory cache, e-mail to the
console, DEBUG on. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and SMTP; see README.md for the full list.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import (
    ConfigError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DATABASE_URL = env_str("DATABASE_URL").strip()
REDIS_URL = env_str("REDIS_URL").strip()
EMBEDDED = not DATABASE_URL
if REDIS_URL:
    redis_url("REDIS_URL", REDIS_URL)

# Database -------------------------------------------------------------------
if DATABASE_URL:
    DATABASES = {"default": database_from_url("DATABASE_URL", DATABASE_URL)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: a new connection per request cost 4.7x in
    # throughput on this machine. Health checks drop a connection the server
    # closed instead of failing the next request.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5)}
else:
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of
    # failing with "database is locked" half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEBUG = env_bool("DEBUG", EMBEDDED)

# A fixed key is only acceptable for the embedded development default.
DEV_SECRET_KEY = "django-insecure-embedded-default-only-never-used-with-DEBUG-0"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError(
            "SECRET_KEY chưa được đặt: với DEBUG=0 cổng thông tin cần một khóa bí mật thật "
            "(ít nhất 50 ký tự ngẫu nhiên, ví dụ: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = DEV_SECRET_KEY
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    raise ConfigError("SECRET_KEY quá yếu: cần ít nhất 50 ký tự ngẫu nhiên khi DEBUG=0.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS chưa được đặt: với DEBUG=0 cần tên miền của cổng, ví dụ ALLOWED_HOSTS=tuyentruyen.example.vn.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

PORTAL_NAME = env_str("PORTAL_NAME", "Cổng thông tin tuyên truyền Việt Nam – Lào, Việt Nam – Campuchia")
PORTAL_OWNER = env_str("PORTAL_OWNER", "Ban Tuyên giáo")
# Absolute links in e-mails. Unset: the address `make run` serves on, whose
# port is PORT (scripts/serve.sh passes it to the web server and the worker).
SITE_URL = (env_str("SITE_URL").strip() or f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "csp",
    # The admin, on a site that requires a second factor (campaign.twofactor.admin_site).
    "config.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "config.apps.AxesConfig",
    # Two-factor sign-in (issue 15): TOTP devices (authenticator apps), static one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "django_ckeditor_5",
    "django.contrib.sitemaps",
    # Revisions of articles (content), later the audit log of issue 15.
    "simple_history",
]
# Our apps: campaign first, the others may import it (never the reverse).
# Also a registry: seed_demo imports each one's `demo` module by name, so that
# campaign's command imports no other app (dependencies point one way);
# campaign/checks.py refuses a demo module that does not import at start-up.
LOCAL_APPS = ["campaign", "content", "contests", "reports"]
INSTALLED_APPS += LOCAL_APPS
# A registry: figures other apps count per unit for the campaign dashboard, named
# here so that campaign imports none of those apps (dependencies point one way).
# campaign/checks.py refuses a path that does not name a function at start-up
# (manage.py check, migrate, runserver), not at the first dashboard.
CAMPAIGN_UNIT_FIGURE_SOURCES = ["contests.selectors.plan_unit_quiz_figures"]
# A registry: functions (assignment=…, period=…) → the URL of another app's form where that
# assignment files for that period, or None; campaign's own form then redirects there (the
# cooperation report's rounds file figures per partner province through reports' form).
CAMPAIGN_FILING_FORMS = ["reports.rounds.filing_form_url"]
# A registry: buttons other apps add to an accepted progress report's page (function(report, user) →
# [{label, url}], each url a POST target), checked at start-up like the ones above.
CAMPAIGN_ACCEPTED_REPORT_ACTIONS = ["content.from_report.accepted_report_actions"]
# A registry for the home page: functions without arguments that return headline figures
# (dicts: label, number, unit, period, source, url), named so that content imports no other app.
HOME_HEADLINE_FIGURE_SOURCES = ["reports.headlines.headline_figures"]
# A registry for the home page's banners (the quiz while a round is open): functions without
# arguments that return dicts (title, text, url, closes_at), named so that content imports no other app.
HOME_BANNER_SOURCES = ["contests.home.open_round_banners"]
# A registry for the portal's search (/tim-kiem/): functions without arguments returning every candidate
# as dicts (title, lead, text, url, kind, date), named so that content imports no other app.
SEARCH_EXTRA_SOURCES = ["reports.search.sector_candidates"]

# Contests (the online quiz) -----------------------------------------------------
# django-simple-captcha guards registration and the start of an attempt: images
# drawn by Pillow on our server, answers kept in the database (any web host can
# check them), nothing loaded from elsewhere. A small sum, difference or
# product of two numbers up to 10: quick to type on a phone's number pad.
INSTALLED_APPS += ["captcha"]
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "x"  # how the image writes "times"
CAPTCHA_FONT_SIZE = 30
CAPTCHA_TIMEOUT = 10  # minutes a challenge stays valid
CAPTCHA_2X_IMAGE = False
# An answer or a submit that reaches the server this many seconds after the
# attempt's deadline still counts (network latency); later ones are refused and
# the attempt is scored on what was saved by then.
CONTEST_GRACE_SECONDS = env_int("CONTEST_GRACE_SECONDS", 10)
# How long a browser stays "this participant" (signed cookie, contests/identity.py):
# a contest runs for months; coming back after that means typing the phone and
# the recovery code received at registration.
CONTEST_IDENTITY_COOKIE_AGE = env_int("CONTEST_IDENTITY_COOKIE_AGE", 180 * 24 * 3600)
# (requests, seconds) per client IP and per phone number, counted in the cache
# (Redis when REDIS_URL is set, so every web host shares the counts). Per IP is
# generous: a school's computer room or a mobile carrier puts hundreds of
# people behind one address; per phone is tight.
CONTEST_RATE_LIMITS = {
    "register": {"ip": (env_int("CONTEST_REGISTER_PER_IP", 60), 3600), "phone": (5, 3600)},
    "start": {"ip": (env_int("CONTEST_START_PER_IP", 300), 600), "phone": (20, 600)},
    "submit": {"ip": (env_int("CONTEST_SUBMIT_PER_IP", 300), 600), "phone": (20, 600)},
    # Bringing a registration back with its recovery code (a guess per try): tight per phone.
    "restore": {"ip": (env_int("CONTEST_RESTORE_PER_IP", 30), 3600), "phone": (5, 3600)},
}
# Behind a proxy the client's address is the last one the proxy appended to
# X-Forwarded-For; without one, REMOTE_ADDR.
CONTEST_TRUST_X_FORWARDED_FOR = env_bool("BEHIND_PROXY", False)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second step (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An account that owes the second step reaches only its pages; staff sessions expire.
    "campaign.twofactor.middleware.TwoFactorMiddleware",
    # Names the signed-in user on the revisions a save records (simple_history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Our Vietnamese 404 and 500 pages, also with DEBUG on.
    "config.middleware.ErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into our Vietnamese page.
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
                "campaign.context_processors.portal",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery ---------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but a Redis that is down is a cache miss, not an error page (config/cache.py).
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # A page must never hang on a dead Redis.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# django-celery-beat's scheduler, which keeps trying to publish a due task while the broker is down
# instead of dropping it (config/beat.py), waiting at most this many seconds between tries.
CELERY_BEAT_SCHEDULER = "config.beat:DatabaseScheduler"
BEAT_PUBLISH_RETRY_MAX = env_int("BEAT_PUBLISH_RETRY_MAX", 10)
DJANGO_CELERY_BEAT_TZ_AWARE = True

# Deadline reminders (campaign/reminders, docs/reminders.md) ---------------------
# A task's message is acknowledged only once the task has finished, so a worker
# killed half-way leaves its message to be delivered again; every task is safe
# to run twice (a reminder is claimed in the database before it is sent).
CELERY_TASK_ACKS_LATE = True
# A worker process killed by the system (out of memory) gives its message back at once.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process: a killed worker holds back no others.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Worker processes per `celery worker` (deploy/systemd/portal-worker.service); unset: one per CPU.
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", None)
# Seconds a task may be claimed before the claim counts as abandoned by a dead
# worker: much longer than one SMTP call (EMAIL_TIMEOUT).
REMINDER_CLAIM_TIMEOUT = env_int("REMINDER_CLAIM_TIMEOUT", 600)
# A waiting e-mail whose task message has not run after this many seconds is
# queued again (the broker was down, or lost the message).
REMINDER_RESUME_AFTER = env_int("REMINDER_RESUME_AFTER", 600)
# SMTP errors: up to REMINDER_MAX_ATTEMPTS tries, waiting REMINDER_RETRY_BACKOFF
# seconds after the first, doubled each time, at most REMINDER_RETRY_BACKOFF_MAX.
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 5)
REMINDER_RETRY_BACKOFF = env_int("REMINDER_RETRY_BACKOFF", 60)
REMINDER_RETRY_BACKOFF_MAX = env_int("REMINDER_RETRY_BACKOFF_MAX", 3600)
# A scan also sends the steps of this many previous days that were missed (the
# morning's scan did not run): the latest step only, never a pile of them.
REMINDER_CATCH_UP_DAYS = env_int("REMINDER_CATCH_UP_DAYS", 1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis gives an unacknowledged message to another worker after this many
    # seconds. It must be longer than any retry countdown, or a retry waiting in
    # a worker would be handed out a second time.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 7200),
    # How often a worker looks for the messages of dead workers.
    "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 60),
    "unacked_restore_throttle": 1,
}
# Longer than the claim timeout too: a message Redis hands out again finds
# the dead worker's claim already abandoned, and takes it over.
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= max(REMINDER_RETRY_BACKOFF_MAX, REMINDER_CLAIM_TIMEOUT):
    raise ConfigError(
        "CELERY_VISIBILITY_TIMEOUT phải lớn hơn REMINDER_RETRY_BACKOFF_MAX và REMINDER_CLAIM_TIMEOUT, "
        "nếu không Redis sẽ giao lại một tác vụ trong khi nó vẫn đang chờ hoặc đang chạy."
    )
if REMINDER_MAX_ATTEMPTS < 1 or REMINDER_CATCH_UP_DAYS < 0 or min(REMINDER_CLAIM_TIMEOUT, REMINDER_RESUME_AFTER) < 1:
    raise ConfigError(
        "Cấu hình nhắc hạn không hợp lệ: REMINDER_MAX_ATTEMPTS, REMINDER_CLAIM_TIMEOUT, REMINDER_RESUME_AFTER "
        "phải từ 1 trở lên, REMINDER_CATCH_UP_DAYS từ 0 trở lên."
    )

# E-mail ---------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cổng tuyên truyền <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Authentication -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "home"

# Two-factor sign-in (campaign/twofactor, docs/security.md). After the password, the code must be
# typed within TWOFACTOR_PENDING_SECONDS. Staff sessions end after STAFF_SESSION_IDLE_MINUTES without
# a request, and STAFF_SESSION_MAX_HOURS after sign-in whatever happens; officers' are unchanged.
TWOFACTOR_PENDING_SECONDS = env_int("TWOFACTOR_PENDING_SECONDS", 300)
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 8)
if min(TWOFACTOR_PENDING_SECONDS, STAFF_SESSION_IDLE_MINUTES, STAFF_SESSION_MAX_HOURS) < 1:
    raise ConfigError(
        "TWOFACTOR_PENDING_SECONDS, STAFF_SESSION_IDLE_MINUTES và STAFF_SESSION_MAX_HOURS phải từ 1 trở lên."
    )
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Cổng tuyên truyền")
# The admin's device pages would show secrets; devices are managed on the portal's pages and by
# `manage.py twofactor_reset` (campaign/admin.py unregisters them).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Failed logins (passwords and second-step codes): lock the (username, IP) pair after AXES_FAILURE_LIMIT tries.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
# A wrong code typed on the second step is logged as a failure without the code itself.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# Language, time, formats ----------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Vietnamese catalogue for third-party apps that ship none (axes, django-celery-beat).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# dd/mm/yyyy on screen and in forms (config/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

# Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Public media (articles, materials) live under MEDIA_ROOT and MEDIA_URL.
# Progress-report photos are for the unit and staff only: they live under
# PRIVATE_MEDIA_ROOT, which no URL maps; campaign.photos hands them out after
# the permission check. In production, with PRIVATE_MEDIA_ACCEL_REDIRECT set
# (e.g. /_private/), the view answers with X-Accel-Redirect to that internal
# nginx location instead of sending the bytes itself (README.md).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT").strip()
# Where `manage.py backup` writes its archives unless told (--output); docs/deploy.md.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
if PRIVATE_MEDIA_ACCEL_REDIRECT and not (PRIVATE_MEDIA_ACCEL_REDIRECT.startswith("/") and PRIVATE_MEDIA_ACCEL_REDIRECT.endswith("/")):
    raise ConfigError(
        f"PRIVATE_MEDIA_ACCEL_REDIRECT={PRIVATE_MEDIA_ACCEL_REDIRECT!r} không hợp lệ: "
        "phải là một đường dẫn bắt đầu và kết thúc bằng “/”, ví dụ /_private/."
    )
# Photos: the work one upload may cost is bounded before decoding
# (campaign/images.py). JPEG is decoded reduced, so its limit is higher than
# that of PNG/WEBP/GIF, which are decoded whole (4 bytes a pixel).
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 8 * 1024 * 1024)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 40_000_000)
PHOTO_MAX_PIXELS_FULL_DECODE = env_int("PHOTO_MAX_PIXELS_FULL_DECODE", 16_000_000)
PHOTO_MAX_PER_REPORT = env_int("PHOTO_MAX_PER_REPORT", 10)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed (gzip and Brotli) files in every mode, DEBUG included: the CKEditor
    # bundle alone is 1.48 MB, and an office PC on a slow line should fetch it once, not on every
    # form. `make run` runs collectstatic before serving; after editing static/, run it again.
    "staticfiles": {"BACKEND": "config.storage.StaticStorage"},
}
# WhiteNoise serves what collectstatic wrote, hashed names with a ten-year immutable lifetime,
# also under DEBUG (by default it would read the source folders and ask browsers to revalidate).
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False

# Rich text: django-ckeditor-5. CKEditor 44+ refuses to start without a
# licence key; 'GPL' is the key for the open-source build.
# Images uploaded in the editor go through our view: checked, re-encoded without metadata and
# named by the portal (content.staff_views.editor_image_upload), not stored as sent. The library's own
# upload view (django_ckeditor_5.urls) is not routed: it would store the file as sent.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "content:editor_image_upload"
CKEDITOR_5_CONFIGS = {
    "default": {
        "licenseKey": "GPL",
        "language": "vi",
        "toolbar": [
            "heading", "|", "bold", "italic", "link", "bulletedList", "numberedList",
            "blockQuote", "|", "insertTable", "|", "undo", "redo",
        ],
    },
    # Articles and the portal's pages: the same, with images (kept by nh3 only under MEDIA_URL).
    "content": {
        "licenseKey": "GPL",
        "language": "vi",
        "toolbar": [
            "heading", "|", "bold", "italic", "link", "bulletedList", "numberedList",
            "blockQuote", "|", "insertImage", "insertTable", "|", "undo", "redo",
        ],
        "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
    },
}

# Security -------------------------------------------------------------------------
# Content-Security-Policy (django-csp) on every page: scripts only from our own static files or
# with the request's nonce (`{{ request.csp_nonce }}`), never inline or through eval. Styles
# allow inline because CKEditor 5 and htmx write style elements at run time and the progress bars
# are sized by a style attribute; a style cannot run code. Images may be data: URLs (CKEditor's
# icons). See docs/security.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SILENCED_SYSTEM_CHECKS = []
if not DEBUG and not SECURE_SSL_REDIRECT:
    # Set SECURE_SSL_REDIRECT=0 only when the proxy in front already
    # redirects http to https; Django then need not warn about it.
    SILENCED_SYSTEM_CHECKS.append("security.W008")
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    # The proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# /healthz tells its parts (database engine, cache, broker, workers) only to
# staff, the loopback and these monitoring addresses or networks
# (comma-separated, e.g. 10.0.0.5,192.168.10.0/24); others get the status alone.
HEALTH_MONITOR_IPS = env_list("HEALTH_MONITOR_IPS")
HEALTH_MONITOR_NETWORKS = []
for _item in HEALTH_MONITOR_IPS:
    try:
        HEALTH_MONITOR_NETWORKS.append(ipaddress.ip_network(_item, strict=False))
    except ValueError:
        raise ConfigError(
            f"HEALTH_MONITOR_IPS không hợp lệ: “{_item}” không phải địa chỉ IP hay mạng; dùng các địa chỉ hoặc mạng "
            "cách nhau bằng dấu phẩy, ví dụ 10.0.0.5,192.168.10.0/24."
        ) from None

# Logging: everything to the console, where the process manager collects it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
