"""Interoperability."""
