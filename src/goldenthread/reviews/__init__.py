"""Quarterly reviews with frozen snapshots and decisions, and the lessons-learned register."""
