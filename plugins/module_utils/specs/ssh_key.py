# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""SSH keys: the declaration the ssh_key and ssh_key_info modules share."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import Api, Create, Field, Lookup, Put
from ansible_collections.fathom.digitalocean.plugins.module_utils.resource import ResourceSpec

PRIVATE_KEY = "PRIVATE KEY-----"
FINGERPRINT = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){15}$")


def fingerprint_of(public_key):
    """The MD5 fingerprint the API uses: colon-separated hex of the decoded key body."""
    parts = (public_key or "").split()
    if len(parts) < 2:
        raise PlanError("public_key is not an SSH public key: expected '<type> <base64 body> [comment]'")
    try:
        body = base64.b64decode(parts[1].encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise PlanError("public_key is not an SSH public key: its body is not valid base64")
    digest = hashlib.md5(body).hexdigest()  # nosec - the API's fingerprint format, not security
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def as_fingerprint(value):
    """A fingerprint stays one; a public key becomes its fingerprint."""
    return value if FINGERPRINT.match(value or "") else fingerprint_of(value)


def wanted_fingerprint(params):
    if params.get("fingerprint"):
        return params["fingerprint"]
    if params.get("public_key"):
        return fingerprint_of(params["public_key"])
    return None


def find_key(engine):
    """By fingerprint (one GET) when the key is known, else by name.

    A key given with a name whose fingerprint is unknown is also looked up by name, so that a
    changed public_key is reported as such instead of adding a second key with the same name.
    """
    fingerprint = wanted_fingerprint(engine.params)
    if fingerprint:
        found = engine.get_item(fingerprint)
        # absent: only the key with that fingerprint goes, never another key of the same name.
        if found or not engine.params.get("name") or engine.params.get("state") == "absent":
            return found
    if not engine.params.get("name"):
        raise PlanError("ssh_key requires one of id, fingerprint, public_key or name to find the key")
    return engine.find_by_identity()


def private_key_in(params):
    """A private key pasted where the public key goes: a secret to mask and to refuse."""
    value = params.get("public_key")
    return [value] if isinstance(value, str) and PRIVATE_KEY in value else []


def check_options(params):
    if private_key_in(params):
        raise PlanError("public_key holds a private key (it has a %s header): give the public key, the one "
                        "line of the .pub file, and keep the private key secret" % PRIVATE_KEY)
    fingerprint = params.get("fingerprint")
    if fingerprint and not FINGERPRINT.match(fingerprint):
        raise PlanError("fingerprint must be an MD5 fingerprint like 3b:16:bf:...:fa (16 hex pairs), got %s"
                        % fingerprint)
    if params.get("public_key"):
        fingerprint_of(params["public_key"])


SSH_KEY = ResourceSpec(
    kind="ssh_key",
    api=Api("/v2/account/keys", "ssh_key"),
    lookup=Lookup(find=find_key, ref="fingerprint"),
    fields={
        "name": Field(update=Put()),
        "public_key": Field(read=lambda key: key.get("fingerprint"), normalize=as_fingerprint),
    },
    create=Create(fields=("name", "public_key"), required=("name", "public_key"), assigned=("fingerprint",)),
    prepare=check_options,
    secrets=private_key_in,
)
