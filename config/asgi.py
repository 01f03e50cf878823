import os

from django.core.asgi import get_asgi_application

from config.startup import run

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = run(get_asgi_application)
