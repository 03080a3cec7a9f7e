"""The kernel's tables, each defined beside the mechanism that uses it."""

from vastkom.core.counters import SharedCounter  # noqa: F401
