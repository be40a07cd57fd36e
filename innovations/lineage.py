"""Lineage: which innovation was adapted from which, as a family tree.

Few entries are in any family, so one query loads every link there is, and the
tree is walked in Python: the same one query however deep a family goes.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from .models import Innovation


@dataclass
class FamilyMember:
    innovation: Innovation
    is_current: bool = False
    children: list["FamilyMember"] = field(default_factory=list)


@dataclass
class Family:
    """An entry's family: its ancestors, oldest first, and the tree from its root."""

    ancestors: list[Innovation]
    root: FamilyMember | None
    descendant_count: int

    @property
    def is_empty(self) -> bool:
        return self.root is None


def _linked(queryset=None):
    """Every entry that is in a family (adapted from another, or adapted into one)."""
    queryset = Innovation.objects.all() if queryset is None else queryset
    return queryset.filter(
        Q(adapted_from__isnull=False) | Q(pk__in=Innovation.objects.values("adapted_from"))
    ).only("pk", "name", "slug", "status", "adapted_from_id")


def _children_of(members) -> dict[int, list]:
    children = defaultdict(list)
    for member in members:
        if member.adapted_from_id is not None:
            children[member.adapted_from_id].append(member)
    return children


def descendant_ids(root_id: int) -> set[int]:
    """Everything adapted from `root_id`, at any distance."""
    children = _children_of(_linked())
    found, stack = set(), [root_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child.pk not in found:
                found.add(child.pk)
                stack.append(child.pk)
    return found


def innovation_family(innovation: Innovation, user) -> Family:
    """What `innovation` came from and what has been adapted from it, as far as `user`
    may see: entries they may not see are left out, with their branches."""
    members = {member.pk: member for member in _linked(Innovation.objects.visible_to(user))}
    if innovation.pk not in members:
        return Family(ancestors=[], root=None, descendant_count=0)
    ancestors, seen = [], {innovation.pk}
    parent_id = members[innovation.pk].adapted_from_id
    while parent_id in members and parent_id not in seen:
        seen.add(parent_id)
        ancestors.insert(0, members[parent_id])
        parent_id = members[parent_id].adapted_from_id
    children = _children_of(sorted(members.values(), key=lambda member: member.name))

    def grow(node: Innovation, visited: set[int]) -> FamilyMember:
        visited.add(node.pk)
        return FamilyMember(
            innovation=node,
            is_current=node.pk == innovation.pk,
            children=[
                grow(child, visited) for child in children[node.pk] if child.pk not in visited
            ],
        )

    root = grow(ancestors[0] if ancestors else members[innovation.pk], set())
    current = root
    while not current.is_current:  # down the ancestors' line to this entry
        current = next(child for child in current.children if child.innovation.pk in seen)
    descendants = _count(current)
    if not ancestors and descendants == 0:
        return Family(ancestors=[], root=None, descendant_count=0)
    return Family(ancestors=ancestors, root=root, descendant_count=descendants)


def _count(member: FamilyMember) -> int:
    return sum(1 + _count(child) for child in member.children)


def check_lineage(innovation: Innovation, adapted_from: Innovation | None) -> None:
    """Refuse a link that would make an entry its own ancestor."""
    if adapted_from is None:
        return
    if innovation.pk is not None and (
        adapted_from.pk == innovation.pk or adapted_from.pk in descendant_ids(innovation.pk)
    ):
        raise ValidationError(
            {
                "adapted_from": (
                    f"{innovation.name} cannot be adapted from {adapted_from.name}: "
                    f"{adapted_from.name} is already adapted from it."
                    if adapted_from.pk != innovation.pk
                    else "An innovation cannot be adapted from itself."
                )
            }
        )
