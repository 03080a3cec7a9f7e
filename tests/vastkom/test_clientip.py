"""The visitor's IP: X-Forwarded-For is read only as far as the deployment trusts proxies."""

import pytest
from django.test import RequestFactory

from vastkom.core.clientip import client_ip


def request(remote="198.51.100.7", forwarded=None, **meta):
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", REMOTE_ADDR=remote, **meta)


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request(forwarded="203.0.113.1")) == "198.51.100.7"


def test_one_proxy_gives_the_entry_it_appended_not_what_the_visitor_wrote(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request(remote="10.0.0.2", forwarded="1.2.3.4, 5.6.7.8, 203.0.113.9")) == "203.0.113.9"


def test_two_proxies_give_the_entry_the_outer_proxy_appended(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_ip(request(remote="10.0.0.2", forwarded="6.6.6.6, 203.0.113.9, 10.0.0.1")) == "203.0.113.9"


def test_a_request_past_the_proxies_counts_as_its_leftmost_address(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_ip(request(remote="10.0.0.2")) == "10.0.0.2"


def test_the_header_can_be_another_one(settings):
    settings.TRUSTED_PROXIES = 1
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip(request(remote="10.0.0.2", forwarded="6.6.6.6", HTTP_X_REAL_IP="203.0.113.9")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [("203.0.113.9:4431", "203.0.113.9"), ("[2001:db8::1]:443", "2001:db8::1"), ("2001:DB8::1", "2001:db8::1")],
)
def test_ports_and_case_are_normalised(settings, entry, expected):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request(remote="10.0.0.2", forwarded=entry)) == expected


def test_garbage_from_the_proxy_header_falls_back_to_remote_addr(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(request(remote="10.0.0.2", forwarded="<script>")) == "10.0.0.2"


def test_no_address_at_all_is_none(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request(remote="")) is None
