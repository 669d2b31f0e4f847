// Validates every object of a multi-document YAML file against the Kubernetes API's OpenAPI schemas, as
// packaged by npm kubernetes-models (no cluster, no network). Prints one JSON line per object:
// {kind, name, result: "valid" | "invalid" | "unknown-kind", error}. Exits 1 when any object is invalid.
// Custom resources (KEDA, Prometheus Operator) have no schema here and come out as unknown-kind.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
let invalid = 0;
for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
  const object = document.toJS();
  if (object === null) continue;
  const { apiVersion, kind } = object;
  const name = object.metadata?.name;
  const modulePath = "kubernetes-models/" + apiVersion;
  let model;
  try {
    model = (await import(modulePath))[kind];
  } catch {
    model = undefined;
  }
  if (model === undefined) {
    console.log(JSON.stringify({ kind, name, result: "unknown-kind", apiVersion }));
    continue;
  }
  try {
    new model(object).validate();
    console.log(JSON.stringify({ kind, name, result: "valid" }));
  } catch (error) {
    invalid++;
    console.log(JSON.stringify({ kind, name, result: "invalid", error: String(error.message ?? error) }));
  }
}
process.exit(invalid === 0 ? 0 : 1);
