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
