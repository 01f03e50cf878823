"""How progress rolls up, as plain functions over plain values.

- A period of an assignment scores by its report's state: accepted 100,
  submitted (waiting for review) 60, returned 30, nothing filed 0.
- An assignment's progress is the mean over all the task's periods, unless
  staff set it (`Assignment.progress_override`).
- A task's progress is the mean over its assignments (units).
- A theme's and a plan's progress are the mean of their tasks, weighted by
  `Task.weight` where staff set weights (a task without weight counts 1).
"""

STATE_SCORE = {"accepted": 100, "submitted": 60, "returned": 30, None: 0}


def period_score(status):
    return STATE_SCORE.get(status, 0)


def assignment_progress(statuses, override=None):
    """`statuses`: the report status (or None) of each period of the task."""
    if override is not None:
        return int(override)
    statuses = list(statuses)
    if not statuses:
        return 0
    return round(sum(period_score(status) for status in statuses) / len(statuses))


def mean(values):
    values = list(values)
    return round(sum(values) / len(values)) if values else 0


def weighted_mean(pairs):
    """`pairs`: (value, weight or None); None weighs 1."""
    total = weight_sum = 0
    for value, weight in pairs:
        weight = 1 if weight is None else float(weight)
        total += value * weight
        weight_sum += weight
    return round(total / weight_sum) if weight_sum else 0
