"""The tests of ita-report; helpers shared between them live in the ``*_helpers`` modules."""
