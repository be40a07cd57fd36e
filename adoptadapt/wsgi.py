"""WSGI entry point for gunicorn; production settings unless told otherwise.

Python's cyclic garbage collector, at its default thresholds, ran so often under a page
render (tens of thousands of short-lived objects: querysets, template contexts, model
instances) that it cost about a sixth of a board dashboard's CPU, going over the same
long-lived objects (the loaded code, URL patterns, templates) every time. So once the
application is loaded its objects are frozen out of the collector's view, and the
youngest generation is collected after 100,000 allocations rather than 700. Memory freed
by reference counting (nearly all of it) is unaffected; cycles wait a little longer.
Measured in bench/RESULTS.md.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adoptadapt.settings.production")

application = get_wsgi_application()

gc.freeze()
gc.set_threshold(100_000, 50, 100)
