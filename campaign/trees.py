"""Trees held as rows with a parent: units (Unit.parent) and a plan's themes (Theme.parent)."""


def tree_rows(items):
    """The items as (item, depth), depth first, each item's children in the order given.

    An item whose parent is not among the items is a root: an officer sees
    their own units as roots when the parent unit is outside what they may see.
    """
    keys = {item.pk for item in items}
    children = {}
    for item in items:
        children.setdefault(item.parent_id if item.parent_id in keys else None, []).append(item)
    rows = []

    def walk(parent, depth):
        for item in children.get(parent, []):
            rows.append((item, depth))
            walk(item.pk, depth + 1)

    walk(None, 0)
    return rows


def subtree_keys(rows, index):
    """The keys of rows[index]'s item and of everything under it, from tree_rows' output."""
    item, depth = rows[index]
    keys = [item.pk]
    for below, below_depth in rows[index + 1:]:
        if below_depth <= depth:
            break
        keys.append(below.pk)
    return keys
