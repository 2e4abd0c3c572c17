"""WSGI entry point, served by granian in `make run` and production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
application = get_wsgi_application()
