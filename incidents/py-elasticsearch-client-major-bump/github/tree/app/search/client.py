from functools import lru_cache

from elasticsearch import Elasticsearch

from app.settings import settings


@lru_cache
def _client() -> Elasticsearch:
    return Elasticsearch(settings.es_url, timeout=5, max_retries=2, retry_on_timeout=True)


def get_es() -> Elasticsearch:
    return _client()
