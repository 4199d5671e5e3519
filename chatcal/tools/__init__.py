"""Maintainers' and contributors' commands, wired to `invoke` by tasks.py.
"""
