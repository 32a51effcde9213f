"""The legacy Floating IP endpoints: /v2/floating_ips, /v2/floating_ips/{floating_ip} and its
actions.  The API renamed Floating IPs to Reserved IPs; both sets of endpoints serve the same
objects (the spec's "Floating IPs" / "Floating IP Actions" tags), so these handlers are the
reserved IP ones with ``floating_ip(s)`` keys.  Creates count against the same special rate
limit as reserved IP creates."""
from tests.simulator.resources import reserved_ips as rips
from tests.simulator.routing import route

KEY = "floating_ip"


@route("GET", "/v2/floating_ips")
def list_floating_ips(ctx):
    return rips.list_ips(ctx, KEY)


@route("POST", "/v2/floating_ips")
def create_floating_ip(ctx):
    return rips.create_ip(ctx, KEY)


@route("GET", "/v2/floating_ips/{floating_ip}")
def get_floating_ip(ctx, floating_ip):
    return rips.get_ip(ctx, floating_ip, KEY)


@route("DELETE", "/v2/floating_ips/{floating_ip}")
def delete_floating_ip(ctx, floating_ip):
    return rips.delete_ip(ctx, floating_ip)


@route("POST", "/v2/floating_ips/{floating_ip}/actions")
def post_floating_ip_action(ctx, floating_ip):
    return rips.post_action(ctx, floating_ip)


@route("GET", "/v2/floating_ips/{floating_ip}/actions")
def list_floating_ip_actions(ctx, floating_ip):
    return rips.list_actions(ctx, floating_ip)


@route("GET", "/v2/floating_ips/{floating_ip}/actions/{action_id}")
def get_floating_ip_action(ctx, floating_ip, action_id):
    return rips.get_action(ctx, floating_ip, action_id)
