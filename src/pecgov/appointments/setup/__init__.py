"""Setting up an appointment round (APP-1 to APP-4): plan, competencies, posts, campaigns, panel."""
