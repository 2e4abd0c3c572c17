"""Telling people what needs them (NOT-1, NOT-2): in-app notifications, email now or in a daily
digest by each person's choice, an outbox that survives a killed worker, and the recurring checks
(declarations and actions due, conflicts awaiting a ruling) run on the task queue.

It listens to the apps below it (signals and history records) and decides who to tell; no app
below imports it."""
