"""Effectiveness: the data."""
