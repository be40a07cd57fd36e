"""The application served BENCH_EXTRA_FRAMES Python frames deeper (bench/stack_depth.py).

Only the depth of the interpreter's stack changes: the same request runs the same code.
"""

import os

from adoptadapt.wsgi import application as served

EXTRA_FRAMES = int(os.environ.get("BENCH_EXTRA_FRAMES", "0"))


def _deeper(frames: int, environ, start_response):
    if frames == 0:
        return served(environ, start_response)
    return _deeper(frames - 1, environ, start_response)


def application(environ, start_response):
    return _deeper(EXTRA_FRAMES, environ, start_response)
