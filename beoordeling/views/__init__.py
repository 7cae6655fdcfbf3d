"""Pages of phase C, one module per part; each has its urlpatterns."""
