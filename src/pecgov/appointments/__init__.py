"""Appointments to the PEC (APP-1 to APP-7): the competency framework as data, and the pure
panel and scoring rules that the campaign, panel and interview pages build on."""
