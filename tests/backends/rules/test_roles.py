"""Column roles of header cells, a year-named column's period among them."""

from __future__ import annotations

from extractor.backends.rules.roles import base_role, dated, role_of


def test_a_year_named_budget_or_actual_column_is_that_role_and_prior_before_the_newest_year() -> None:
    texts = ["项目", "2030年决算数", "2031年预算数", "2031年决算数", "执行率"]
    roles = [role_of(t) for t in texts]
    assert roles == ["item", "money_actual", "budget", "money_actual", "rate"]
    assert dated(roles, texts) == ("item", "money_actual~prior", "budget", "money_actual", "rate")
    assert base_role("money_actual~prior") == "money_actual"
    assert dated(["budget", "money_actual"], ["预算数", "决算数"]) == ("budget", "money_actual")  # no years
