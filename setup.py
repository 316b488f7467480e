"""Optional C accelerator for PI discovery; metadata lives in pyproject.toml.

``optional=True``: without a compiler (or Python headers) the build skips the extension and
cnprivacy installs as pure Python, with identical results.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(f"cnprivacy.discovery._native.{name}",
                  [f"src/cnprivacy/discovery/_native/{name}.c"],
                  depends=["src/cnprivacy/discovery/_native/_common.h"], optional=True)
        for name in ("_digitruns", "_layout", "_cjk", "_crf")
    ],
)
