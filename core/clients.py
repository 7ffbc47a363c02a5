"""The client's address: decided here, for django-axes, the API throttle and the rate limits.

With TRUSTED_PROXY_COUNT = 0 (the default) clients reach the app server directly and the address
is REMOTE_ADDR: an X-Forwarded-For header is whatever the client chose to send, and is ignored.

Behind N reverse proxies that each append the address they see to X-Forwarded-For, the client is
the N-th address from the right: the first proxy appended it, and everything to its left came
from the client and proves nothing. django-ipware parses the header (ports, IPv6 brackets,
malformed entries); its ``proxy_count`` counts the proxies named *in* the header, which the last
proxy (the one REMOTE_ADDR shows) is not, hence N - 1. A request whose header holds fewer
addresses than that did not come through the proxies: it is keyed on REMOTE_ADDR.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request):
    """The address of the client that sent ``request``, as a string."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote
