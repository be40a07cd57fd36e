"""Pages about people: their own account, invitations and the people directory."""
