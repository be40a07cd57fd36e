"""A logging formatter that writes each record as one JSON object on one line."""

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    """time, level, logger and message, then the record's `security` fields (see
    adoptadapt/security.py) and any exception, for log collectors to parse."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "security", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
