"""Insights: forecasts (and, later, anomalies)."""
