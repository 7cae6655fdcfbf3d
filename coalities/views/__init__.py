"""Pages of phase B, one module per part; each has its urlpatterns, joined in coalities/urls.py."""
