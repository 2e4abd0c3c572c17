"""ORG pages: thin views that parse, call a service, and redirect or render. One module per
subject: organisations, people, committees and memberships."""
