"""Scenarios: a TOML file of steps (send, expect, wait) run against one connection."""
