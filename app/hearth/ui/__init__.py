"""The desktop front end: the only package that imports PySide6.

Start it with `hearth.ui.app.run(vault_path)`. Everything here talks to the core through
`hearth.vault`'s API and runs long calls on `hearth.ui.worker`.
"""

from hearth.ui import qt_binding_fix

# Before any widget exists: see qt_binding_fix for the PySide6 6.12.0 bug this guards.
QT_BINDING_FIX_APPLIED = qt_binding_fix.apply()
