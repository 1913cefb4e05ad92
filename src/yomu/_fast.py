"""Building frozen dataclass instances without dataclass ``__init__`` and ``replace()``.

A frozen dataclass sets each field through ``object.__setattr__`` in ``__init__``, and
``dataclasses.replace`` adds a pass over ``fields()``; for the few hundred thousand
tokens of a long article that was a sizeable share of the run. These helpers fill the
instance's ``__dict__`` at once: the result is equal to, hashes like and pickles like
the instance the constructor would make. Use them only for classes without
``__post_init__``, ``__slots__`` or default factories, with every field given.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")

_set = object.__setattr__


def new_frozen(cls: type[T], fields: dict[str, Any]) -> T:
    """``cls(**fields)`` for a plain frozen dataclass; ``fields`` becomes the instance's dict."""
    instance = object.__new__(cls)
    _set(instance, "__dict__", fields)
    return instance


def replaced(instance: T, **changes: Any) -> T:
    """``dataclasses.replace(instance, **changes)`` for a plain frozen dataclass."""
    fields = dict(instance.__dict__)
    fields.update(changes)
    return new_frozen(type(instance), fields)
