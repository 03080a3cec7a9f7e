"""The kernel's tables, each defined beside the mechanism that uses it."""

from vastkom.core.counters import SharedCounter  # noqa: F401
from vastkom.core.workers import WorkerHeartbeat  # noqa: F401
