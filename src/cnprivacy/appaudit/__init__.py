"""appaudit."""
