import os

from django.core.wsgi import get_wsgi_application

from config.startup import run

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = run(get_wsgi_application)
