"""Assessing candidates (APP-3 to APP-7): applications, sift, shortlist, interview, appointment."""
