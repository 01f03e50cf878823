"""The one tree walk behind the unit list, the plan page, the dashboard and the Word plan."""

from types import SimpleNamespace

from campaign.trees import subtree_keys, tree_rows


def node(pk, parent_id=None):
    return SimpleNamespace(pk=pk, parent_id=parent_id)


def test_rows_are_depth_first_in_the_order_given():
    items = [node(1), node(2), node(3, 1), node(4, 3), node(5, 1), node(6, 2)]
    assert [(item.pk, depth) for item, depth in tree_rows(items)] == [(1, 0), (3, 1), (4, 2), (5, 1), (2, 0), (6, 1)]


def test_an_item_whose_parent_is_not_given_is_a_root():
    # An officer's unit under a parent unit they may not see.
    items = [node(7, 99), node(8, 7)]
    assert [(item.pk, depth) for item, depth in tree_rows(items)] == [(7, 0), (8, 1)]


def test_subtree_keys_stop_at_the_next_item_as_high():
    rows = tree_rows([node(1), node(2), node(3, 1), node(4, 3), node(5, 1), node(6, 2)])
    assert subtree_keys(rows, 0) == [1, 3, 4, 5]
    assert subtree_keys(rows, 1) == [3, 4]
    assert subtree_keys(rows, 4) == [2, 6]
    assert subtree_keys(rows, 5) == [6]
