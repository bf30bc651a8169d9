"""A model as second opinion on the parts that are arguments (q4b, q4c, q7a, q8b).

The rubric names the criteria a judge may score (`judge: true` and `criteria:` on a part); the
judge scores them in one structured call per answer, quoting the answer as evidence. Its points
are kept apart from the deterministic ones and fill in only where a deterministic check could
not decide (`merge.py`). Nothing here imports an SDK at module level.
"""
