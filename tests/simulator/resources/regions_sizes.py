"""GET /v2/regions and GET /v2/sizes (static catalog)."""
from tests.simulator import catalog
from tests.simulator.routing import route


def _same(x):
    return x


@route("GET", "/v2/regions")
def list_regions(ctx):
    return 200, ctx.paginate("regions", list(catalog.REGIONS.values()), _same)


@route("GET", "/v2/sizes")
def list_sizes(ctx):
    return 200, ctx.paginate("sizes", list(catalog.SIZES.values()), _same)
