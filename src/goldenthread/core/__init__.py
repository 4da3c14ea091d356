"""Base models, the audit trail, periods and shared helpers."""
