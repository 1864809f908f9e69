// Validates one manifest (JSON on stdin) with the validators the kubernetes-models packages
// compile from Kubernetes' OpenAPI schema and Argo Workflows' JSON schema.
// Usage: node validate-k8s.mjs workflow|job   (NODE_PATH-free: run with cwd = the npm prefix)
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const kind = process.argv[2];
const modules = join(process.cwd(), "node_modules");
const file = kind === "workflow"
  ? join(modules, "@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow.js")
  : join(modules, "kubernetes-models/batch/v1/Job.js");
const mod = await import(pathToFileURL(file).href);
const Model = kind === "workflow" ? mod.Workflow : mod.Job;
const doc = JSON.parse(readFileSync(0, "utf8"));
try {
  new Model(doc).validate();
  console.log("valid");
} catch (e) {
  console.log(String(e && e.message ? e.message : e));
  process.exit(1);
}
