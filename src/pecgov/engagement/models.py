"""SHA engagement: the data."""
