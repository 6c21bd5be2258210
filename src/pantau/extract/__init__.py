"""The coder: triggers, arguments, claims, counts, places, modality, merging (pipeline.py runs it).

Note: ``pantau.extract`` the *function* is the public API; this package is imported by
``pantau/__init__.py`` before the function is defined, so the name stays the function.
"""
