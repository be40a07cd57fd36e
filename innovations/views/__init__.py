"""Directory pages: browsing (public), maintaining (directory admins), export and import."""
