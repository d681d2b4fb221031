"""Property-based (fuzz) tests of the importers: the interchange JSON and the Excel uploads.

HITUNG counts the examples each property ran; tests/fuzz/conftest.py prints it at the end of the run.
"""

from collections import Counter

HITUNG: Counter[str] = Counter()
