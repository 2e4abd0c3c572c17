"""Surveys: the data."""
