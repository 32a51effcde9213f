# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The cluster a database, user, connection pool or firewall belongs to.
    DOCUMENTATION = r"""
options:
  cluster_id:
    description:
      - Id (UUID) of the database cluster.
      - One of O(cluster_id) and O(cluster_name) is required.
    type: str
  cluster_name:
    description:
      - Name of the database cluster, looked up in the list of clusters.
      - The task fails when no cluster, or more than one, has this name.
    type: str
"""
