"""The in-process LRU behind the report, dashboard and outline caches."""

from lms.cache import BoundedCache


def test_the_least_recently_used_entry_goes_first():
    cache = BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert len(cache) == 2


def test_get_or_build_builds_once_per_key():
    cache, builds = BoundedCache(4), []
    for _ in range(3):
        assert cache.get_or_build("k", lambda: builds.append(1) or "value") == "value"
    assert builds == [1]


class Page:
    """A value that says how many bytes it holds, as a kept page does."""

    def __init__(self, nbytes: int) -> None:
        self.nbytes = nbytes


def test_a_byte_bound_drops_the_least_recently_used_until_it_holds():
    cache = BoundedCache(100, max_bytes=250)
    for key in "abc":
        cache.put(key, Page(100))  # "a" goes: 300 bytes would be over the bound
    assert cache.get("a") is None and cache.nbytes == 200
    cache.put("b", Page(10))  # replacing an entry counts its new size only
    assert cache.nbytes == 110
    cache.put("big", Page(1000))  # larger than the bound on its own: not kept, nothing dropped
    assert cache.get("big") is None and cache.nbytes == 110 and len(cache) == 2


def test_an_expired_entry_gives_its_bytes_back():
    now = [0.0]
    cache = BoundedCache(10, max_age=5, clock=lambda: now[0], max_bytes=1000)
    cache.put("a", Page(300))
    now[0] = 6
    assert cache.get("a") is None and cache.nbytes == 0
