"""Evaluation: score results against hand-labelled gold, report, and gate regressions.

The harness is the ruler every later change is judged by, so it is strict, transparent and
itself tested. It is split like the pipeline it measures:

* :mod:`~extractor.evaluate.gold` loads gold files into frozen models and validates them
  (an unknown concept or a duplicated key is an error, not a silent never-match);
* :mod:`~extractor.evaluate.score` scores one result against one gold file, per the spec's
  "Scoring" section, and sums document scores;
* :mod:`~extractor.harness` extracts (or loads) the result for each gold document;
* :mod:`~extractor.evaluate.report` writes ``metrics.json`` and ``report.md`` and builds the
  terminal table;
* :mod:`~extractor.evaluate.baseline` compares a run with a stored ``metrics.json``.

Nothing here prints; the ``extractor eval`` command (``extractor/cli_eval.py``) does.
"""

from __future__ import annotations

METRICS_VERSION = 1
"""Version of the ``metrics.json`` layout."""

SCORER_VERSION = "3"
"""Bump whenever a change to the scorer can change a number: baselines refuse to compare
runs scored by different versions."""

__all__ = ["METRICS_VERSION", "SCORER_VERSION"]
