"""Pages about organisations and what happens at them, one module per concept."""
