"""Optional C accelerators (built when a compiler is present; pure Python otherwise)."""
