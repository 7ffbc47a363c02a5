"""One JSON object per log line on stdout, for log collectors (production)."""

import json
import logging
from datetime import UTC, datetime


class JSONFormatter(logging.Formatter):
    """Time, level, logger, message, and the traceback when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["path"] = request.path
            entry["method"] = request.method
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status"] = status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_logging(config):
    """The given LOGGING dictionary with its console handler writing JSON lines to stdout."""
    handlers = {
        **config.get("handlers", {}),
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    }
    formatters = {**config.get("formatters", {}), "json": {"()": JSONFormatter}}
    return {**config, "formatters": formatters, "handlers": handlers}
