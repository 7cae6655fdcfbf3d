"""Pages of phase A, one module per part (see trajecten/services/__init__.py).

Each module has its own urlpatterns; trajecten/urls.py joins them.
"""
