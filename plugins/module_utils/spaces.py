# -*- coding: utf-8 -*-
# Copyright: fathom.digitalocean contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Spaces buckets and objects through the S3 protocol (boto3), for the space, space_info and
space_object modules only: no other module imports this file, so boto3 is needed only by them.

``SpacesModule`` is the module host (the credentials options, errors caught once, the boto3 check);
``SpacesClient`` wraps one boto3 S3 client and records the S3 operations it sends (``calls``), which
is how tests count requests. ``SpaceRunner`` reconciles one bucket: it reads the managed settings,
plans field by field as the engine does (``plan``/``diff`` shaped like every other module's, so the
drift report reads them), and applies each change with its own S3 request.
"""

from __future__ import annotations

import copy
import json
import re

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError
    HAS_BOTO3 = True
    BOTO3_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the missing-library test
    HAS_BOTO3 = False
    BOTO3_IMPORT_ERROR = exc

    class BotoCoreError(Exception):
        """Stands for botocore's, which is missing."""

    class ClientError(Exception):
        """Stands for botocore's, which is missing."""

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.fathom.digitalocean.plugins.module_utils.common import MasksSecretsEarly, PlanError
from ansible_collections.fathom.digitalocean.plugins.module_utils.controller import ControllerModule, current_task
from ansible_collections.fathom.digitalocean.plugins.module_utils.module import connection_argument_spec
from ansible_collections.fathom.digitalocean.plugins.module_utils.spaces_names import check_bucket_name, check_region

ACCESS_KEY_ENV = ("SPACES_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID")
SECRET_KEY_ENV = ("SPACES_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY")
ENDPOINT_ENV = ("SPACES_ENDPOINT_URL",)
ACLS = ("private", "public-read")
CORS_METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD")
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
MUTATING_PREFIXES = ("Put", "Delete", "Create", "Copy", "Upload", "Complete", "Abort", "Restore")


def is_mutating(operation):
    return operation.startswith(MUTATING_PREFIXES)


def credentials_argument_spec():
    return dict(
        region=dict(type="str", required=True),
        spaces_access_key=dict(type="str", no_log=True, fallback=(env_fallback, list(ACCESS_KEY_ENV))),
        spaces_secret_key=dict(type="str", no_log=True, fallback=(env_fallback, list(SECRET_KEY_ENV))),
        spaces_endpoint=dict(type="str", fallback=(env_fallback, list(ENDPOINT_ENV))),
    )


def endpoint_for(params):
    return params.get("spaces_endpoint") or "https://%s.digitaloceanspaces.com" % params["region"]


class SpacesClient:
    """One boto3 S3 client for a region; ``calls`` lists the S3 operations sent, in order."""

    def __init__(self, params, session=None):
        if not params.get("spaces_access_key") or not params.get("spaces_secret_key"):
            raise PlanError("spaces_access_key and spaces_secret_key are required (or the environment variables "
                            "%s and %s)" % (ACCESS_KEY_ENV[0], SECRET_KEY_ENV[0]))
        self.region = params["region"]
        self.endpoint = endpoint_for(params)
        self.calls = []
        config = Config(s3={"addressing_style": "path" if params.get("spaces_endpoint") else "virtual"},
                        connect_timeout=params.get("timeout") or 30, read_timeout=params.get("timeout") or 30,
                        retries={"max_attempts": 5, "mode": "standard"}, signature_version="s3v4")
        self.s3 = (session or boto3).client(
            "s3", region_name=self.region, endpoint_url=self.endpoint, config=config,
            aws_access_key_id=params["spaces_access_key"], aws_secret_access_key=params["spaces_secret_key"],
            verify=params.get("validate_certs", True))
        self.s3.meta.events.register("before-call.s3", self._record)

    def _record(self, model=None, **_kwargs):
        self.calls.append(model.name)

    @property
    def mutating(self):
        return [call for call in self.calls if is_mutating(call)]

    def call(self, operation, missing=(), **kwargs):
        """One S3 operation; None when the error code is one of `missing` (a bucket without CORS)."""
        try:
            return getattr(self.s3, operation)(**kwargs)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in missing:
                return None
            message = exc.response.get("Error", {}).get("Message") or code
            raise PlanError("S3 %s on %s failed: %s (%s)" % (operation, kwargs.get("Bucket", ""), message, code))
        except BotoCoreError as exc:
            raise PlanError("S3 %s on %s failed: %s" % (operation, kwargs.get("Bucket", ""), exc))


class SpacesModule:
    """The module host of the Spaces modules: the credentials options, the boto3 check, errors caught once."""

    def __init__(self, argument_spec, supports_check_mode=True, **kwargs):
        # The API's connection options too, unused but accepted, so that the action group's module_defaults
        # (a token for every module of the collection) apply to these modules as well; timeout and
        # validate_certs serve the S3 requests.
        spec = connection_argument_spec()
        spec.update(credentials_argument_spec())
        spec.update(argument_spec)
        host = ControllerModule if current_task() else _Host
        self.ansible = host(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self.params = self.ansible.params
        if not HAS_BOTO3:
            self.ansible.fail_json(msg=missing_required_lib("boto3") + " Install boto3 (pip install boto3) on the "
                                   "host that runs this module.", exception=str(BOTO3_IMPORT_ERROR))

    def checked_client(self):
        """The S3 client, once the region and the credentials are known to be usable."""
        check_region(self.params)
        return SpacesClient(self.params)

    def exit(self, produce):
        try:
            result = produce()
        except PlanError as exc:
            self.ansible.fail_json(msg=str(exc))
        self.ansible.exit_json(**result)


class _Host(MasksSecretsEarly, AnsibleModule):
    def __init__(self, *args, **kwargs):
        kwargs.pop("secrets", None)
        super().__init__(*args, **kwargs)


# -- canonical forms -------------------------------------------------------------------------------


def _canonical(value):
    return json.dumps(value, sort_keys=True)


def cors_rule(rule):
    """A CORS rule in the module's shape, lists sorted (set semantics inside a rule too)."""
    def names(key):
        return sorted(set(rule.get(key) or []))
    return {
        "allowed_origins": names("allowed_origins"),
        "allowed_methods": sorted(set(m.upper() for m in rule.get("allowed_methods") or [])),
        "allowed_headers": names("allowed_headers"),
        "expose_headers": names("expose_headers"),
        "max_age_seconds": rule.get("max_age_seconds"),
    }


def cors_set(rules):
    unique = {_canonical(cors_rule(rule)): cors_rule(rule) for rule in rules or []}
    return [unique[key] for key in sorted(unique)]


def cors_from_s3(rules):
    return cors_set({"allowed_origins": r.get("AllowedOrigins"), "allowed_methods": r.get("AllowedMethods"),
                     "allowed_headers": r.get("AllowedHeaders"), "expose_headers": r.get("ExposeHeaders"),
                     "max_age_seconds": r.get("MaxAgeSeconds")} for r in rules or [])


def cors_to_s3(rules):
    out = []
    for rule in rules:
        item = {"AllowedOrigins": rule["allowed_origins"], "AllowedMethods": rule["allowed_methods"]}
        if rule["allowed_headers"]:
            item["AllowedHeaders"] = rule["allowed_headers"]
        if rule["expose_headers"]:
            item["ExposeHeaders"] = rule["expose_headers"]
        if rule.get("max_age_seconds") is not None:
            item["MaxAgeSeconds"] = rule["max_age_seconds"]
        out.append(item)
    return out


LIFECYCLE_ACTIONS = ("expiration_days", "expiration_date", "abort_incomplete_multipart_days",
                     "noncurrent_version_expiration_days")


def lifecycle_rule(rule):
    out = {"id": rule.get("id"), "prefix": rule.get("prefix") or "",
           "enabled": True if rule.get("enabled") is None else bool(rule.get("enabled"))}
    for action in LIFECYCLE_ACTIONS:
        out[action] = rule.get(action)
    return out


def lifecycle_set(rules):
    return sorted((lifecycle_rule(rule) for rule in rules or []), key=lambda rule: (str(rule["id"]), _canonical(rule)))


def lifecycle_from_s3(rules):
    out = []
    for r in rules or []:
        prefix = r.get("Prefix")
        if prefix is None:
            prefix = (r.get("Filter") or {}).get("Prefix", "")
        expiration = r.get("Expiration") or {}
        date = expiration.get("Date")
        out.append({"id": r.get("ID"), "prefix": prefix, "enabled": r.get("Status") == "Enabled",
                    "expiration_days": expiration.get("Days"),
                    "expiration_date": date.strftime("%Y-%m-%d") if hasattr(date, "strftime") else date,
                    "abort_incomplete_multipart_days":
                        (r.get("AbortIncompleteMultipartUpload") or {}).get("DaysAfterInitiation"),
                    "noncurrent_version_expiration_days":
                        (r.get("NoncurrentVersionExpiration") or {}).get("NoncurrentDays")})
    return lifecycle_set(out)


def lifecycle_to_s3(rules):
    out = []
    for rule in rules:
        item = {"ID": rule["id"], "Filter": {"Prefix": rule["prefix"]},
                "Status": "Enabled" if rule["enabled"] else "Disabled"}
        if rule["expiration_days"] is not None:
            item["Expiration"] = {"Days": rule["expiration_days"]}
        elif rule["expiration_date"] is not None:
            item["Expiration"] = {"Date": rule["expiration_date"] + "T00:00:00Z"}
        if rule["abort_incomplete_multipart_days"] is not None:
            item["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": rule["abort_incomplete_multipart_days"]}
        if rule["noncurrent_version_expiration_days"] is not None:
            item["NoncurrentVersionExpiration"] = {"NoncurrentDays": rule["noncurrent_version_expiration_days"]}
        out.append(item)
    return out


def policy_canonical(value):
    """A policy compared by meaning: keys in order, a list of one is its element, lists as sets."""
    if isinstance(value, dict):
        return {key: policy_canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [policy_canonical(item) for item in value]
        if len(items) == 1:
            return items[0]
        return sorted(items, key=_canonical)
    return value


def parse_policy(value, option="policy"):
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, str):
        if not value.strip():
            return {}
        try:
            parsed = json.loads(value)
        except ValueError as exc:
            raise PlanError("%s is not JSON: %s" % (option, exc))
        if not isinstance(parsed, dict):
            raise PlanError("%s must be a JSON object, got %s" % (option, type(parsed).__name__))
        return parsed
    raise PlanError("%s must be a JSON object or a JSON string" % option)


# -- the bucket ------------------------------------------------------------------------------------


def check_space(params):
    """Every option checked before any request; returns the normalized wanted values."""
    check_region(params)
    check_bucket_name(params.get("name"))
    if params.get("acl") is not None and params["acl"] not in ACLS:
        raise PlanError("acl must be one of %s, got %r" % (", ".join(ACLS), params["acl"]))
    for index, rule in enumerate(params.get("cors") or []):
        if not rule.get("allowed_origins"):
            raise PlanError("cors[%d].allowed_origins must list at least one origin" % index)
        methods = [m.upper() for m in rule.get("allowed_methods") or []]
        bad = [m for m in methods if m not in CORS_METHODS]
        if not methods or bad:
            raise PlanError("cors[%d].allowed_methods must list methods among %s, got %r"
                            % (index, ", ".join(CORS_METHODS), rule.get("allowed_methods")))
    ids = []
    for index, rule in enumerate(params.get("lifecycle") or []):
        if not rule.get("id"):
            raise PlanError("lifecycle[%d].id is required" % index)
        if rule["id"] in ids:
            raise PlanError("lifecycle[%d].id %s is used by another rule" % (index, rule["id"]))
        ids.append(rule["id"])
        if all(rule.get(action) is None for action in LIFECYCLE_ACTIONS):
            raise PlanError("lifecycle[%d] (%s) has no action: set one of %s"
                            % (index, rule["id"], ", ".join(LIFECYCLE_ACTIONS)))
        if rule.get("expiration_days") is not None and rule.get("expiration_date") is not None:
            raise PlanError("lifecycle[%d]: expiration_days and expiration_date are mutually exclusive" % index)
        date = rule.get("expiration_date")
        if date is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(date)):
            raise PlanError("lifecycle[%d].expiration_date must be a date such as 2030-01-31, got %r" % (index, date))
        for action in ("expiration_days", "abort_incomplete_multipart_days", "noncurrent_version_expiration_days"):
            if rule.get(action) is not None and int(rule[action]) < 1:
                raise PlanError("lifecycle[%d].%s must be at least 1" % (index, action))
    wanted = {
        "acl": params.get("acl"),
        "versioning": params.get("versioning"),
        "cors": None if params.get("cors") is None else cors_set(params["cors"]),
        "lifecycle": None if params.get("lifecycle") is None else lifecycle_set(params["lifecycle"]),
        "policy": None if params.get("policy") is None else parse_policy(params["policy"]),
    }
    return wanted


FIELDS = ("acl", "versioning", "cors", "lifecycle", "policy")
VIA = {"acl": "PutBucketAcl", "versioning": "PutBucketVersioning", "cors": "PutBucketCors",
       "lifecycle": "PutBucketLifecycleConfiguration", "policy": "PutBucketPolicy"}


def equal(field, have, want):
    if field == "policy":
        return policy_canonical(have or {}) == policy_canonical(want or {})
    if field == "versioning":
        return bool(have) == bool(want)
    return have == want


class SpaceRunner:
    """One run of the space module on one bucket."""

    def __init__(self, client, params, check_mode=False, warn=None):
        self.client = client
        self.params = params
        self.name = params.get("name")
        self.check_mode = check_mode
        self.warn = warn or (lambda message: None)

    # reads
    def exists(self):
        try:
            self.client.s3.head_bucket(Bucket=self.name)
            return True
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 404 or exc.response.get("Error", {}).get("Code") in ("404", "NoSuchBucket"):
                return False
            if status == 403:
                raise PlanError("the Space %s exists but these credentials may not use it (403)" % self.name)
            raise PlanError("S3 HeadBucket on %s failed: %s" % (self.name, exc))
        except BotoCoreError as exc:
            raise PlanError("S3 HeadBucket on %s failed: %s" % (self.name, exc))

    def read(self, fields=FIELDS):
        call, name = self.client.call, self.name
        state = {}
        if "acl" in fields:
            grants = call("get_bucket_acl", Bucket=name)["Grants"]
            public = any(g.get("Grantee", {}).get("URI") == ALL_USERS and g.get("Permission") in ("READ", "FULL_CONTROL")
                         for g in grants)
            state["acl"] = "public-read" if public else "private"
        if "versioning" in fields:
            state["versioning"] = call("get_bucket_versioning", Bucket=name).get("Status") == "Enabled"
        if "cors" in fields:
            answer = call("get_bucket_cors", missing=("NoSuchCORSConfiguration",), Bucket=name)
            state["cors"] = cors_from_s3((answer or {}).get("CORSRules"))
        if "lifecycle" in fields:
            answer = call("get_bucket_lifecycle_configuration", missing=("NoSuchLifecycleConfiguration",), Bucket=name)
            state["lifecycle"] = lifecycle_from_s3((answer or {}).get("Rules"))
        if "policy" in fields:
            answer = call("get_bucket_policy", missing=("NoSuchBucketPolicy",), Bucket=name)
            state["policy"] = json.loads(answer["Policy"]) if answer and answer.get("Policy") else {}
        return state

    def is_empty(self):
        answer = self.client.call("list_object_versions", Bucket=self.name, MaxKeys=1)
        return not (answer.get("Versions") or answer.get("DeleteMarkers"))

    # writes
    def put(self, field, value):
        call, name = self.client.call, self.name
        if field == "acl":
            call("put_bucket_acl", Bucket=name, ACL=value)
        elif field == "versioning":
            call("put_bucket_versioning", Bucket=name,
                 VersioningConfiguration={"Status": "Enabled" if value else "Suspended"})
        elif field == "cors":
            if value:
                call("put_bucket_cors", Bucket=name, CORSConfiguration={"CORSRules": cors_to_s3(value)})
            else:
                call("delete_bucket_cors", Bucket=name)
        elif field == "lifecycle":
            if value:
                call("put_bucket_lifecycle_configuration", Bucket=name,
                     LifecycleConfiguration={"Rules": lifecycle_to_s3(value)})
            else:
                call("delete_bucket_lifecycle", Bucket=name)
        elif field == "policy":
            if value:
                call("put_bucket_policy", Bucket=name, Policy=json.dumps(value))
            else:
                call("delete_bucket_policy", Bucket=name)

    def empty(self):
        """Every object version and delete marker, in batches of up to 1000."""
        while True:
            answer = self.client.call("list_object_versions", Bucket=self.name, MaxKeys=1000)
            objects = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                       for v in (answer.get("Versions") or []) + (answer.get("DeleteMarkers") or [])]
            if not objects:
                return
            self.client.call("delete_objects", Bucket=self.name, Delete={"Objects": objects, "Quiet": True})

    # the run
    def describe(self, state):
        out = {"name": self.name, "region": self.client.region,
               "endpoint": "https://%s.%s.digitaloceanspaces.com" % (self.name, self.client.region)}
        out.update(state)
        return out

    def run(self):
        wanted = check_space(self.params)
        state = self.params.get("state", "present")
        managed = [field for field in FIELDS if wanted[field] is not None]
        identity = {"name": self.name, "region": self.client.region}
        exists = self.exists()
        plan = {"action": "none", "resource": "space", "identity": identity, "id": self.name if exists else None,
                "changes": {}}
        before = self.read(managed) if exists else {}
        if state == "absent":
            if exists:
                plan["action"] = "delete"
                if not self.is_empty() and not self.params.get("force_destroy"):
                    raise PlanError("the Space %s is not empty: set force_destroy to delete it with every object "
                                    "in it" % self.name)
                if not self.check_mode:
                    if self.params.get("force_destroy"):
                        self.empty()
                    self.client.call("delete_bucket", Bucket=self.name)
            return self.result(plan, {}, before, {})
        if not exists:
            plan["action"] = "create"
            after = {field: wanted[field] for field in managed}
            if wanted["acl"] is None:
                after.setdefault("acl", "private")
            for field in managed:
                plan["changes"][field] = {"before": None, "after": wanted[field], "via": "CreateBucket"}
            if not self.check_mode:
                acl = wanted["acl"] or "private"
                self.client.call("create_bucket", Bucket=self.name, ACL=acl,
                                 CreateBucketConfiguration={"LocationConstraint": self.client.region})
                for field in managed:
                    if field == "acl" or not wanted[field]:
                        continue
                    self.put(field, wanted[field])
            return self.result(plan, self.describe(after), {}, after)
        for field in managed:
            if not equal(field, before[field], wanted[field]):
                plan["changes"][field] = {"before": before[field], "after": wanted[field], "via": VIA[field]}
        after = dict(before)
        if plan["changes"]:
            plan["action"] = "update"
            for field in plan["changes"]:
                after[field] = wanted[field]
                if not self.check_mode:
                    self.put(field, wanted[field])
        return self.result(plan, self.describe(after), before, after)

    def result(self, plan, space, before, after):
        return {"changed": plan["action"] != "none", "space": space, "plan": plan,
                "diff": {"before": copy.deepcopy(before), "after": copy.deepcopy(after)}}


def run_space_info(client, name=None):
    """Every bucket these credentials list (or the one named), with its settings."""
    names = [bucket["Name"] for bucket in client.call("list_buckets").get("Buckets") or []]
    if name is not None:
        names = [item for item in names if item == name]
    spaces = []
    for item in names:
        runner = SpaceRunner(client, {"name": item})
        spaces.append(runner.describe(runner.read()))
    return {"changed": False, "spaces": spaces}


# -- objects ---------------------------------------------------------------------------------------

MULTIPART_CHUNK = 8 * 1024 * 1024  # boto3's default part size and threshold


def _md5_parts(path_or_bytes, part_size):
    """(md5 of the whole, S3 ETag of a multipart upload with part_size)."""
    import hashlib
    whole, parts = hashlib.md5(), []
    if isinstance(path_or_bytes, bytes):
        chunks = [path_or_bytes[i:i + part_size] for i in range(0, len(path_or_bytes), part_size)] or [b""]
    else:
        def read():
            with open(path_or_bytes, "rb") as stream:
                while True:
                    chunk = stream.read(part_size)
                    if not chunk:
                        return
                    yield chunk
        chunks = read()
    for chunk in chunks:
        whole.update(chunk)
        parts.append(hashlib.md5(chunk).digest())
    multipart = "%s-%d" % (hashlib.md5(b"".join(parts)).hexdigest(), len(parts))
    return whole.hexdigest(), multipart


def same_etag(source, size, etag):
    """Whether a local file (path) or content (bytes) has the remote ETag, multipart uploads included."""
    etag = (etag or "").strip('"')
    if "-" not in etag:
        return _md5_parts(source, MULTIPART_CHUNK)[0] == etag
    count = int(etag.rsplit("-", 1)[1] or 0)
    mib = 1024 * 1024
    candidates = {MULTIPART_CHUNK, 5 * mib, 16 * mib}
    if count:
        candidates.add(-(-size // count // mib) * mib or mib)
    return any(_md5_parts(source, part)[1] == etag for part in sorted(candidates)
               if -(-size // part) == count)


def local_md5(source):
    return _md5_parts(source, MULTIPART_CHUNK)[0]


def guess_type(key):
    import mimetypes
    return mimetypes.guess_type(key)[0] or "application/octet-stream"


def local_files(src, prefix):
    """{key: path} for a file, a directory (every file under it) or a glob pattern (recursive with **)."""
    import glob
    import os
    magic = any(char in src for char in "*?[")
    if magic:
        base = src
        while any(char in base for char in "*?["):
            base = os.path.dirname(base)
        paths = [path for path in glob.glob(src, recursive=True) if os.path.isfile(path)]
    elif os.path.isdir(src):
        base = src
        paths = [os.path.join(root, name) for root, _dirs, names in os.walk(src) for name in names]
    elif os.path.isfile(src):
        return None
    else:
        raise PlanError("src: %s does not exist" % src)
    files = {}
    for path in sorted(paths):
        relative = os.path.relpath(path, base).replace(os.sep, "/")
        files[prefix + relative] = path
    return files


def check_object(params):
    check_region(params)
    check_bucket_name(params.get("bucket"), "bucket")
    src, content, key = params.get("src"), params.get("content"), params.get("key")
    state = params.get("state", "present")
    if params.get("acl") is not None and params["acl"] not in ACLS:
        raise PlanError("acl must be one of %s, got %r" % (", ".join(ACLS), params["acl"]))
    if key is not None and (not key or key.startswith("/")):
        raise PlanError("key must be a non-empty object key without a leading /, got %r" % key)
    prefix = params.get("prefix") or ""
    if prefix.startswith("/"):
        raise PlanError("prefix must not start with /, got %r" % prefix)
    if state == "present":
        if (src is None) == (content is None):
            raise PlanError("give exactly one of src and content")
        if content is not None and not key:
            raise PlanError("key is required with content")
    elif not key and not prefix:
        raise PlanError("state=absent needs key, or prefix to delete every key under it")
    if params.get("delete") and (state != "present" or src is None):
        raise PlanError("delete applies to a directory src (state=present) only")


class ObjectRunner:
    """One run of the space_object module."""

    def __init__(self, client, params, check_mode=False):
        self.client = client
        self.params = params
        self.bucket = params.get("bucket")
        self.check_mode = check_mode

    def remote_under(self, prefix):
        found, token = {}, None
        while True:
            kwargs = {"Bucket": self.bucket, "Prefix": prefix}
            if token:
                kwargs["ContinuationToken"] = token
            answer = self.client.call("list_objects_v2", missing=("NoSuchBucket",), **kwargs)
            if answer is None:
                if self.check_mode:
                    # A Space this check run plans to create: everything would be uploaded.
                    return {}
                raise PlanError("bucket: the Space %s does not exist in %s; create it first (the space module)"
                                % (self.bucket, self.client.region))
            for item in answer.get("Contents") or []:
                found[item["Key"]] = item
            if not answer.get("IsTruncated"):
                return found
            token = answer.get("NextContinuationToken")

    def head(self, key):
        try:
            return self.client.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                return None
            raise PlanError("S3 HeadObject on %s/%s failed: %s" % (self.bucket, key, exc))
        except BotoCoreError as exc:
            raise PlanError("S3 HeadObject on %s/%s failed: %s" % (self.bucket, key, exc))

    def unchanged(self, source, remote):
        import os
        size = remote.get("Size", remote.get("ContentLength"))
        local_size = len(source) if isinstance(source, bytes) else os.path.getsize(source)
        if size != local_size:
            return False
        if self.params.get("compare") == "size_mtime" and not isinstance(source, bytes):
            modified = remote.get("LastModified")
            # S3 keeps whole seconds: an object written in the second the file last changed is as new.
            return modified is not None and modified.timestamp() >= int(os.path.getmtime(source))
        return same_etag(source, local_size, remote.get("ETag"))

    def extra_args(self, key):
        extra = {"ContentType": self.params.get("content_type") or guess_type(key)}
        if self.params.get("acl"):
            extra["ACL"] = self.params["acl"]
        if self.params.get("cache_control"):
            extra["CacheControl"] = self.params["cache_control"]
        return extra

    def upload(self, key, source):
        extra = self.extra_args(key)
        if isinstance(source, bytes):
            self.client.call("put_object", Bucket=self.bucket, Key=key, Body=source, **extra)
        else:
            from boto3.s3.transfer import TransferConfig
            try:
                self.client.s3.upload_file(source, self.bucket, key, ExtraArgs=extra,
                                           Config=TransferConfig(use_threads=False))
            except (ClientError, BotoCoreError) as exc:
                raise PlanError("uploading %s to %s/%s failed: %s" % (source, self.bucket, key, exc))

    def run(self):
        check_object(self.params)
        params = self.params
        prefix = params.get("prefix") or ""
        key = params.get("key")
        uploads, deletes = {}, {}
        if params.get("state", "present") == "absent":
            remote = {key: self.head(key)} if key else self.remote_under(prefix)
            deletes = {name: item for name, item in remote.items() if item is not None}
            identity = {"bucket": self.bucket, "key": key} if key else {"bucket": self.bucket, "prefix": prefix}
        else:
            files = None
            if params.get("content") is not None:
                sources = {key: params["content"].encode("utf-8")}
            else:
                files = local_files(params["src"], prefix)
                if files is not None and key:
                    raise PlanError("key names one object: with a directory or a glob in src, use prefix")
                sources = files if files is not None else {
                    key or prefix + params["src"].replace("\\", "/").rsplit("/", 1)[-1]: params["src"]}
            single = files is None
            remote = {name: self.head(name) for name in sources} if single else self.remote_under(prefix)
            for name, source in sources.items():
                item = remote.get(name)
                if item is None or not self.unchanged(source, item) or (single and self.metadata_differs(name, item)):
                    uploads[name] = (source, item)
            if params.get("delete"):
                deletes = {name: item for name, item in remote.items() if name not in sources}
            identity = {"bucket": self.bucket, "key": key} if key else {"bucket": self.bucket, "prefix": prefix}
        changes = {}
        for name, (source, item) in sorted(uploads.items()):
            changes[name] = {"before": (item or {}).get("ETag", "").strip('"') or None,
                             "after": local_md5(source), "via": "PutObject"}
        for name, item in sorted(deletes.items()):
            changes[name] = {"before": (item.get("ETag") or "").strip('"') or None, "after": None,
                             "via": "DeleteObject"}
        if not self.check_mode:
            for name, (source, _item) in sorted(uploads.items()):
                self.upload(name, source)
            names = sorted(deletes)
            for start in range(0, len(names), 1000):
                self.client.call("delete_objects", Bucket=self.bucket, Delete={
                    "Objects": [{"Key": name} for name in names[start:start + 1000]], "Quiet": True})
        action = "none"
        if uploads or deletes:
            action = "delete" if params.get("state") == "absent" else ("update" if any(
                item for _s, item in uploads.values()) or deletes else "create")
        plan = {"action": action, "resource": "space_object", "identity": identity, "id": None, "changes": changes}
        summary = {"bucket": self.bucket, "uploaded": sorted(uploads), "deleted": sorted(deletes),
                   "url": "https://%s.%s.digitaloceanspaces.com/" % (self.bucket, self.client.region)}
        if key:
            summary["key"] = key
        return {"changed": action != "none", "space_object": summary, "plan": plan,
                "diff": {"before": {name: change["before"] for name, change in changes.items()},
                         "after": {name: change["after"] for name, change in changes.items()}}}

    def metadata_differs(self, key, item):
        wanted_type = self.params.get("content_type") or guess_type(key)
        if item.get("ContentType") and item["ContentType"] != wanted_type:
            return True
        cache = self.params.get("cache_control")
        return cache is not None and item.get("CacheControl") != cache
