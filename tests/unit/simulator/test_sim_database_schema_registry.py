"""The simulator's schema registry of Kafka clusters: subjects and their versions, the same schema
registered twice, a type change and bad schemas refused, the compatibility levels of the cluster and of
a subject, deletion; Kafka clusters only. Every answer is checked against the spec."""
import json

from tests.helpers import Checker
from tests.unit.simulator.test_sim_databases_depth import BASE, cluster, error_of

REGISTRY = BASE + "/schema-registry"
AVRO = json.dumps({"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int"}]})
AVRO_2 = json.dumps({"type": "record", "name": "Order",
                     "fields": [{"name": "id", "type": "int"}, {"name": "note", "type": ["null", "string"]}]})


def test_subjects_versions_and_compatibility(simulator):
    c = Checker(simulator)
    kafka = cluster(simulator, "events", "kafka", size="db-s-2vcpu-4gb", num_nodes=3)
    path = "/v2/databases/%s/schema-registry" % kafka
    assert c.call("GET", path, REGISTRY, expect=200) == {"subjects": []}

    first = c.call("POST", path, REGISTRY, {"subject_name": "orders-value", "schema_type": "AVRO", "schema": AVRO},
                   expect=201)
    assert first == {"schema_id": 1, "subject_name": "orders-value", "schema_type": "AVRO", "schema": AVRO}
    # The same schema again: the same version, no new one.
    assert c.call("POST", path, REGISTRY, {"subject_name": "orders-value", "schema_type": "AVRO", "schema": AVRO},
                  expect=201)["schema_id"] == 1
    second = c.call("POST", path, REGISTRY, {"subject_name": "orders-value", "schema_type": "AVRO",
                                             "schema": AVRO_2}, expect=201)
    assert second["schema_id"] == 2
    latest = c.call("GET", path + "/orders-value", REGISTRY + "/{subject_name}", expect=200)
    assert latest["version"] == "2" and latest["schema"] == AVRO_2
    assert c.call("GET", path + "/orders-value/versions/1", REGISTRY + "/{subject_name}/versions/{version}",
                  expect=200)["schema"] == AVRO
    assert error_of(simulator, "GET", path + "/orders-value/versions/3")[0] == 404
    assert [s["subject_name"] for s in c.call("GET", path, REGISTRY, expect=200)["subjects"]] == ["orders-value"]

    assert error_of(simulator, "POST", path, {"subject_name": "orders-value", "schema_type": "JSON", "schema": "{}"}) \
        == (422, "schema_type: subject orders-value holds AVRO schemas, not JSON")
    assert error_of(simulator, "POST", path, {"subject_name": "x", "schema_type": "AVRO", "schema": "not json"}) == (
        422, "schema: not a valid AVRO schema (it must be JSON text)")

    assert c.call("GET", path + "/config", REGISTRY + "/config", expect=200) == {"compatibility_level": "BACKWARD"}
    subject_config = REGISTRY + "/config/{subject_name}"
    assert c.call("GET", path + "/config/orders-value", subject_config, expect=200) == {
        "subject_name": "orders-value", "compatibility_level": "BACKWARD"}
    c.call("PUT", path + "/config/orders-value", subject_config, {"compatibility_level": "FULL"}, expect=200)
    c.call("PUT", path + "/config", REGISTRY + "/config", {"compatibility_level": "NONE"}, expect=200)
    assert c.call("GET", path + "/config/orders-value", subject_config, expect=200)["compatibility_level"] == "FULL"
    assert error_of(simulator, "PUT", path + "/config", {"compatibility_level": "SOME"})[0] == 422

    c.call("DELETE", path + "/orders-value", REGISTRY + "/{subject_name}", expect=204)
    assert error_of(simulator, "GET", path + "/orders-value")[0] == 404
    assert error_of(simulator, "GET", path + "/config/orders-value")[0] == 404

    pg = cluster(simulator)
    assert error_of(simulator, "GET", "/v2/databases/%s/schema-registry" % pg) == (
        422, "schema registry: not supported for pg clusters")
