# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs fathom.digitalocean.kubernetes_cluster_info on the controller path when the task runs on the controller."""

from __future__ import annotations

from ansible_collections.fathom.digitalocean.plugins.modules import kubernetes_cluster_info
from ansible_collections.fathom.digitalocean.plugins.plugin_utils.action import controller_action

ActionModule = controller_action(kubernetes_cluster_info.main)
