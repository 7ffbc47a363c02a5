"""The read-only open-data API under ``/api/`` (django-ninja), with its OpenAPI schema and docs."""
