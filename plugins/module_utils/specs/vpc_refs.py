# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""VPCs named by id or by name in the options of other resources (a peering's two VPCs, a NAT
gateway's VPCs, an NFS share's VPC): turned into ids with reads only, in a spec's resolve hook.

An id is read with one GET (again for a few seconds while it answers 404), so a VPC this account does not have (another team's) is refused with a
message naming the option; a name is matched on one list of the account's VPCs (names are unique
in an account). A "(known after apply)" value, from an earlier task that only planned, is kept.
"""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import UUID, PlanError, exactly_one
from ansible_collections.fathom.digitalocean.plugins.module_utils.common import is_unknown

VPCS = "/v2/vpcs"


class VpcRefs:
    """Resolves VPC references of one run; the account's VPCs are listed at most once."""

    def __init__(self, engine):
        self.engine = engine
        self._listed = None
        self.found = {}

    def _all(self):
        if self._listed is None:
            self._listed = self.engine.client.paginate(VPCS, "vpcs")
        return self._listed

    def vpc(self, option, ref):
        """The VPC object ref names (a dict), or None for an unknown value."""
        if is_unknown(ref):
            return None
        ref = str(ref).strip()
        if not ref:
            raise PlanError("%s must be the id or the name of a VPC, got an empty value" % option)
        if UUID.match(ref):
            path = "%s/%s" % (VPCS, ref)
            # A VPC an earlier task just created may answer 404 for a moment (the API is eventually
            # consistent): read again for as long as that may last before calling it missing.
            answer = self.engine.client.get_or_none(path) or self.engine.until_listed(
                lambda: self.engine.client.get_or_none(path))
            if answer is None:
                raise PlanError("%s: VPC %s does not exist in this account (a VPC of another account cannot be "
                                "used: the API only takes VPCs of the account that owns the token)" % (option, ref))
            vpc = answer["vpc"]
        else:
            vpc = exactly_one([item for item in self._all() if item.get("name") == ref], "VPCs",
                              "are named %s" % ref, hint="Give the id in %s instead." % option)
            if vpc is None:
                raise PlanError("%s: no VPC is named %s" % (option, ref))
        self.found[vpc["id"]] = vpc
        return vpc

    def vpc_id(self, option, ref):
        """The id of the VPC ref names; an unknown value is returned as it is."""
        vpc = self.vpc(option, ref)
        return ref if vpc is None else vpc["id"]
