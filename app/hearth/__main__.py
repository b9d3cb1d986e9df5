"""`python -m hearth` does what the `hearth` executable does."""

from hearth.launcher import main

main()
