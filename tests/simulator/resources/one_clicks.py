"""1-Click applications: GET /v2/1-clicks (``?type=droplet|kubernetes``), a fixed catalogue."""
from tests.simulator.routing import route

ONE_CLICKS = [
    {"slug": "docker-20-04", "type": "droplet"},
    {"slug": "lamp-20-04", "type": "droplet"},
    {"slug": "wordpress-20-04", "type": "droplet"},
    {"slug": "monitoring", "type": "kubernetes"},
    {"slug": "netdata", "type": "kubernetes"},
]


@route("GET", "/v2/1-clicks")
def list_one_clicks(ctx):
    wanted = ctx.query.get("type")
    items = [dict(app) for app in ONE_CLICKS if wanted in (None, app["type"])]
    return 200, {"1_clicks": items}
