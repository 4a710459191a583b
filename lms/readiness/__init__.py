"""Readiness rules: who is ready to sell, who is falling behind, and why (no Flask, no queries)."""
