"""Reads of the benchmarking room (filled in below)."""


def topic_items(topic, limit=6):
    return []


def personal_data_export(user):
    return []


def personal_data_erase(user):
    return None
