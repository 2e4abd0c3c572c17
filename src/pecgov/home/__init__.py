"""The top of the site: the home page with each person's dashboard, sign-in and sign-out, the
accessibility statement and the error pages. It may read every app below it; nothing imports it."""
