"""Immutable all the way down: the containers a frozen result model holds (a dict that refuses
every change, JSON-like data turned into tuples and :class:`FrozenDict` s on validation)."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn, TypeVar

from pydantic import AfterValidator

__all__ = ["Frozen", "FrozenDict", "freeze"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that refuses every change after it is made (a result's cells, counters, timings):
    ``result.provenance.counters["x"] = 1`` raises ``TypeError``. A ``dict`` still, so it
    serialises, compares and pickles like one."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(f"{type(self).__name__} is immutable: build a new one")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenDict[K, V]:
        return self


def freeze(value: Any) -> Any:
    """JSON-like data made immutable all the way down: dicts → FrozenDict, lists → tuples."""
    if isinstance(value, dict):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


Frozen = Annotated[V, AfterValidator(freeze)]
