"""GET /v2/account."""
from tests.simulator.routing import route

ACCOUNT = {
    "droplet_limit": 25,
    "floating_ip_limit": 5,
    "volume_limit": 100,
    "email": "sammy@example.com",
    "name": "Sammy the Simulated Shark",
    "uuid": "b6fr89dbf6d9156cace5f3c78dc9851d957381ef",
    "email_verified": True,
    "status": "active",
    "status_message": "",
    "team": {"uuid": "5df3e3004a17e242b7c20ca6c9fc25b701a47ece", "name": "Simulated Team"},
}


@route("GET", "/v2/account")
def get_account(ctx):
    return 200, {"account": ACCOUNT}
