from __future__ import annotations

from goldenthread.plans.graph import ancestors, find_loop, format_loop, path_between


def test_it_finds_no_loop_in_a_cascade_with_shared_parents():
    edges = [("A1", "OP1"), ("OP1", "O1"), ("OP1", "O2"), ("O1", "G1"), ("O2", "G1")]
    assert find_loop(edges) is None


def test_it_names_the_loop_it_finds():
    edges = [("A", "B"), ("B", "C"), ("C", "A"), ("D", "A")]
    loop = find_loop(edges)
    assert loop is not None
    assert loop[0] == loop[-1]
    assert set(loop) == {"A", "B", "C"}
    assert format_loop(["A", "B", "A"]) == "A → B → A"


def test_it_finds_a_self_loop():
    assert find_loop([("A", "A")]) == ["A", "A"]


def test_it_walks_a_very_deep_chain_without_recursion():
    edges = [(i, i + 1) for i in range(200_000)]
    assert find_loop(edges) is None
    assert find_loop([*edges, (200_000, 0)]) is not None


def test_it_finds_the_upward_path_and_all_ancestors():
    edges = [("A1", "OP1"), ("OP1", "O1"), ("O1", "G1"), ("OP1", "O2")]
    assert path_between(edges, "A1", "G1") == ["A1", "OP1", "O1", "G1"]
    assert path_between(edges, "G1", "A1") is None
    assert ancestors(edges, "A1") == {"OP1", "O1", "O2", "G1"}
