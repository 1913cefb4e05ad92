"""Speed helpers: frozen dataclass instances without ``__init__``/``replace()``.

A frozen dataclass sets each field through ``object.__setattr__`` in ``__init__``, and
``dataclasses.replace`` adds a pass over ``fields()``; for the few hundred thousand
tokens of a long article that was a sizeable share of the run. These helpers fill the
instance's ``__dict__`` at once: the result is equal to, hashes like and pickles like
the instance the constructor would make. Use them only for classes without
``__post_init__``, ``__slots__`` or default factories, with every field given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .gc_pause import gc_paused as gc_paused  # moved to yomu.gc_pause; importable from here too

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

new_instance = object.__new__
set_field = object.__setattr__
"""``instance = new_instance(cls)`` then ``set_field(instance, "__dict__", fields)`` is
:func:`new_frozen` written out, for the few loops that run once per word of an article,
where even the call costs."""


def new_frozen(cls: type[T], fields: dict[str, Any]) -> T:
    """``cls(**fields)`` for a plain frozen dataclass; ``fields`` becomes the instance's dict."""
    instance = new_instance(cls)
    set_field(instance, "__dict__", fields)
    return instance


class IdentityMemo(Generic[K, V]):
    """``make(key)``, made once per key object and found by the object's ``id``.

    For keys that many tokens share (a word's furigana tuple, a glossary entry) and that
    cost more to hash than to look up by identity. The key object is kept beside its value,
    so its id cannot be reused while the entry lives; the memo is emptied when it reaches
    ``limit`` entries.
    """

    def __init__(self, make: Callable[[K], V], limit: int = 65_536) -> None:
        self._make = make
        self._limit = limit
        self._found: dict[int, tuple[K, V]] = {}

    def __call__(self, key: K) -> V:
        found = self._found.get(id(key))
        if found is None or found[0] is not key:
            if len(self._found) >= self._limit:
                self._found.clear()
            found = self._found[id(key)] = (key, self._make(key))
        return found[1]


def replaced(instance: T, **changes: Any) -> T:
    """``dataclasses.replace(instance, **changes)`` for a plain frozen dataclass."""
    fields = dict(instance.__dict__)
    fields.update(changes)
    return new_frozen(type(instance), fields)
