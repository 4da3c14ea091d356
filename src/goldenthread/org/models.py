"""The organisation as it stands for a cycle: units (tiers 1-3), grades, people (tier 4)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from goldenthread.core.permissions import ScopedManager
from goldenthread.org.choices import ContractType, Role
from goldenthread.plans.models import CODE_LENGTH


class OrgUnit(models.Model):
    """A unit of the organisation: the organisation itself (tier 1), a sector
    or bureau (tier 2), a department or regional office (tier 3).

    ``tier`` is the depth in the unit tree, kept by the services that place a
    unit, so that pages and roll-ups can group by tier without walking the tree.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="units")
    code = models.CharField(max_length=CODE_LENGTH)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    tier = models.PositiveSmallIntegerField(default=1)

    objects = ScopedManager(unit="", cycle="cycle")

    class Meta:
        ordering = ["cycle", "tier", "code"]
        verbose_name = "organisational unit"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="unit_code_unique_in_cycle"),
            models.CheckConstraint(condition=Q(tier__gte=1), name="unit_tier_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        if self.parent is not None:
            if self.parent.cycle_id != self.cycle_id:
                raise ValidationError({"parent": "The parent unit belongs to another cycle."})
            seen = {self.pk}
            node: OrgUnit | None = self.parent
            while node is not None:
                if node.pk in seen:
                    raise ValidationError({"parent": "A unit cannot sit below itself."})
                seen.add(node.pk)
                node = node.parent


class Grade(models.Model):
    """A post grade (P4, G6, D1...) with its standard cost per year."""

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="grades")
    code = models.CharField(max_length=CODE_LENGTH)
    name = models.CharField(max_length=100, blank=True)

    objects = ScopedManager(unit=None, cycle="cycle")

    class Meta:
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="grade_code_unique_in_cycle"),
        ]

    def __str__(self) -> str:
        return self.code

    def audit_cycle_code(self) -> str:
        return self.cycle.code


class GradeCost(models.Model):
    """The standard annual cost of a post of this grade in a year; personnel
    cost of an allocation is share x this amount."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField()
    annual_cost = models.DecimalField(max_digits=14, decimal_places=2)

    objects = ScopedManager(unit=None, cycle="grade__cycle")

    class Meta:
        ordering = ["grade", "year"]
        constraints = [
            models.UniqueConstraint(fields=["grade", "year"], name="grade_cost_unique_year"),
            models.CheckConstraint(condition=Q(annual_cost__gte=0), name="grade_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.grade.code} {self.year}: {self.annual_cost}"

    def audit_cycle_code(self) -> str:
        return self.grade.cycle.code


class Person(models.Model):
    """A member of staff or a consultant (tier 4), with the capacity they bring.

    A person's work plan (their e-PMDS objectives) is the results they own and
    their allocations of time to activities. ``user`` ties a sign-in account
    to this person, so they see their own thread.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="people")
    code = models.CharField(max_length=CODE_LENGTH)
    name = models.CharField(max_length=200)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="people")
    grade = models.ForeignKey(
        Grade, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    capacity = models.DecimalField(
        max_digits=4, decimal_places=2, default=Decimal("1"), help_text="full-time equivalent, 0-1"
    )
    contract = models.CharField(
        max_length=16, choices=ContractType.choices, default=ContractType.FIXED_TERM
    )
    remote = models.BooleanField(default=False)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="people",
    )

    objects = ScopedManager(unit="unit", cycle="cycle")

    class Meta:
        ordering = ["cycle", "code"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="person_code_unique_in_cycle"),
            models.CheckConstraint(
                condition=Q(capacity__gt=0) & Q(capacity__lte=1), name="person_capacity_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        if self.capacity is not None and not (0 < self.capacity <= 1):
            raise ValidationError({"capacity": "Capacity is a full-time equivalent above 0 and at most 1."})
        if self.unit_id and self.unit.cycle_id != self.cycle_id:
            raise ValidationError({"unit": "The unit belongs to another cycle."})
        if self.grade is not None and self.grade.cycle_id != self.cycle_id:
            raise ValidationError({"grade": "The grade belongs to another cycle."})


class RoleAssignment(models.Model):
    """A role a user holds on a unit and on every unit below it.

    What each role allows is decided in one place, ``core/permissions.py``. A
    user tied to a person of the cycle (``Person.user``) needs no assignment to
    see their own unit's subtree and to report on the indicators they are
    responsible for. Assignments are made and withdrawn through
    ``org.services.role_grant`` / ``role_revoke``, which audit them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=16, choices=Role.choices)

    objects = ScopedManager(unit="unit", cycle="unit__cycle")

    class Meta:
        ordering = ["unit__cycle", "unit__code", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display().lower()} on {self.unit.code}"

    def audit_cycle_code(self) -> str:
        return self.unit.cycle.code
