from django.db.models import Count

from .models import Unit


def unit_tree(*, user):
    """The units this user may see, as (unit, depth) in tree order.

    Two queries whatever the number of units: the units with their member
    counts, and nothing per row. An officer's units are shown as roots when
    their parent is outside what they may see.
    """
    units = list(
        Unit.objects.for_user(user)
        .annotate(member_count=Count("members", distinct=True))
        .order_by("order", "name")
    )
    visible = {unit.pk for unit in units}
    children = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in visible else None
        children.setdefault(parent, []).append(unit)
    rows = []

    def walk(parent, depth):
        for unit in children.get(parent, []):
            rows.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return rows
