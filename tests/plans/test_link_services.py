from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Fund
from goldenthread.plans.models import Link
from goldenthread.plans.services import link_create, link_delete, link_update
from tests.factories import ACTOR, make_cycle, make_result, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    cycle = make_cycle()
    itu = make_unit(cycle, "ITU")
    g = make_result(cycle, "G1", "goal", itu)
    o = make_result(cycle, "O1", "outcome", itu)
    op = make_result(cycle, "OP1", "output", itu)
    link_create(actor=ACTOR, child=o, parent=g)
    link_create(actor=ACTOR, child=op, parent=o, weight=Decimal("2"))
    return cycle, g, o, op


def test_a_new_cycle_has_its_regular_budget(chain):
    cycle = chain[0]
    assert Fund.objects.get(cycle=cycle, is_regular=True).code == "regular_budget"


def test_it_refuses_a_link_that_closes_a_loop_and_names_it(chain):
    cycle, g, _o, op = chain
    with pytest.raises(ValidationError) as err:
        link_create(actor=ACTOR, child=g, parent=op)
    assert "G1 → OP1 → O1 → G1" in str(err.value)
    assert Link.objects.filter(cycle=cycle).count() == 2


def test_it_refuses_a_link_to_itself(chain):
    _, g, _, _ = chain
    with pytest.raises(ValidationError, match="itself"):
        link_create(actor=ACTOR, child=g, parent=g)


def test_it_refuses_a_link_across_cycles(chain):
    _, g, _, _ = chain
    other = make_cycle("SP2032")
    stray = make_result(other, "X1", "outcome", make_unit(other, "ITU"))
    with pytest.raises(ValidationError, match="cross cycles"):
        link_create(actor=ACTOR, child=stray, parent=g)


def test_it_refuses_a_link_weight_of_zero(chain):
    cycle, g, _, _ = chain
    extra = make_result(cycle, "O2", "outcome", g.unit)
    with pytest.raises(ValidationError):
        link_create(actor=ACTOR, child=extra, parent=g, weight=Decimal("0"))
    assert not Link.objects.filter(child=extra).exists()


def test_a_result_may_serve_several_parents(chain):
    cycle, g, _o, op = chain
    o2 = make_result(cycle, "O2", "outcome", g.unit)
    link_create(actor=ACTOR, child=o2, parent=g)
    link_create(actor=ACTOR, child=op, parent=o2, weight=Decimal("0.5"))
    assert set(op.parent_links.values_list("parent__code", flat=True)) == {"O1", "O2"}


def test_every_link_change_is_audited_with_before_and_after(chain):
    _, _, o, op = chain
    link = Link.objects.get(child=op, parent=o)
    link_update(actor=ACTOR, link=link, weight=Decimal("3"))
    entry = AuditEntry.objects.filter(object_type="plans.link", action="update").get()
    assert entry.before == {"weight": "2.0000"}
    assert entry.after == {"weight": "3.0000"}
    assert entry.actor_label == "test"
    assert entry.cycle_code == "SP2028"
    link_delete(actor=ACTOR, link=link)
    gone = AuditEntry.objects.get(object_type="plans.link", action="delete")
    assert gone.before["weight"] == "3.0000"
    assert gone.object_id == str(link.pk)
