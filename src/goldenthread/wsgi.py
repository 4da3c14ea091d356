"""WSGI entry point for production servers (gunicorn, waitress, mod_wsgi)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
application = get_wsgi_application()
