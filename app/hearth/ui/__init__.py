"""The desktop front end: the only package that imports PySide6.

Start it with `hearth.ui.app.run(vault_path)`. Everything here talks to the core through
`hearth.vault`'s API and runs long calls on `hearth.ui.worker`.
"""
