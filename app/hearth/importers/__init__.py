"""Importers: one module per source, found by content, streamed into the vault.

See `base.Importer` for what an importer is, `registry` for how they are found (including
third-party ones through the `hearth.importers` entry-point group) and `pipeline` for how an
import runs.
"""
