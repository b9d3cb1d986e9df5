"""Data packages: what a buyer receives (build, encrypt to an age recipient, open and verify).

The format is specified in docs/formats/package.md.
"""
