"""What PyInstaller freezes: the same entry point as the `hearth` console script."""

from hearth.launcher import main

main()
