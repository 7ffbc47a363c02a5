"""/healthz: for load balancers and orchestrators. Checks that the database answers."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views import View

logger = logging.getLogger(__name__)


class HealthView(View):
    """200 {"status": "ok", "database": "ok"}, or 503 with "database": "unavailable"."""

    http_method_names = ["get", "head"]

    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            logger.exception("Health check: the database does not answer")
            return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})
