from itertools import islice
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def chunked(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of at most `size` items."""
    it = iter(iterable)
    while batch := list(islice(it, size)):
        yield batch
