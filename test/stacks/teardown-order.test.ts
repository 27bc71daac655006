/**
 * `cdktf destroy '<name>-*'` leaves nothing behind only if things go in the
 * right order: the Sourcegraph stack before the infra stack (manifest
 * dependencies), and inside it the release before the namespace (whose
 * deletion waits for the PVCs and the Ingress finalizer) before the ingress
 * controller (which deletes the load balancer) and the StorageClass.
 * Terraform destroys a resource before everything it depends on, so the
 * order is proved by the dependency graph of the synthesized JSON.
 */
import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { loadDesign } from '../../lib/checks/check-design';
import { addReplica } from '../../stacks/replica-app';
import { TEST_CREATED_AT } from '../support/synth-replica';

type StackJson = { resource: Record<string, Record<string, Record<string, unknown>>> };

/** address -> addresses it depends on (depends_on and ${type.name...} references). */
function dependencyGraph(stack: StackJson): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const addresses = Object.entries(stack.resource).flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`));
  for (const [type, resources] of Object.entries(stack.resource)) {
    for (const [name, body] of Object.entries(resources)) {
      const text = JSON.stringify(body);
      const deps = new Set<string>((body.depends_on as string[] | undefined) ?? []);
      for (const other of addresses) if (other !== `${type}.${name}` && text.includes(`${other}.`)) deps.add(other);
      graph.set(`${type}.${name}`, deps);
    }
  }
  return graph;
}

function dependsOn(graph: Map<string, Set<string>>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const next = stack.pop()!;
    for (const d of graph.get(next) ?? []) {
      if (d === to) return true;
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return false;
}

// Helm designs, and Kustomize designs (their release is a generated chart with the same dependencies).
describe.each(['acme-prod.yaml', 'globex-search.yaml', 'hooli-private-gke.yaml', 'stark-kustomize.yaml', 'wonka-gke.yaml'])('teardown order of %s', (file) => {
  const design = loadDesign(path.join('examples', 'designs', file));
  const app = Testing.app();
  const stacks = addReplica(app, design, { createdAt: TEST_CREATED_AT });
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
  const read = (id: string): StackJson => JSON.parse(fs.readFileSync(path.join(app.outdir, manifest.stacks[id].synthesizedStackPath), 'utf8'));
  const sg = read(stacks.sourcegraph.node.id);
  const graph = dependencyGraph(sg);
  const find = (type: string, pred: (r: Record<string, unknown>) => boolean = () => true) =>
    Object.entries(sg.resource[type] ?? {})
      .filter(([, r]) => pred(r))
      .map(([n]) => `${type}.${n}`);
  const [release] = find('helm_release', (r) => r.name === 'sourcegraph');
  const [namespace] = find('kubernetes_namespace_v1');
  const [storageClass] = find('kubernetes_storage_class_v1');
  /** The ingress controllers: what deletes the load balancers Kubernetes made. */
  const controllers = find('helm_release', (r) => r.chart === 'ingress-nginx' || r.chart === 'aws-load-balancer-controller');
  const autoscalers = find('helm_release', (r) => r.chart === 'cluster-autoscaler');
  const volumeWaits = find('terraform_data', (r) => JSON.stringify(r).includes('sg-replica-wait-for-volumes'));
  const cloudWaits = find('terraform_data', (r) => !JSON.stringify(r).includes('sg-replica-wait-for-volumes'));
  const eks = design.cloud.provider === 'aws';

  it('finds the Sourcegraph release (the chart, or the generated chart of a Kustomize design)', () => {
    expect(release).toBeDefined();
    expect(sg.resource.helm_release[release.split('.')[1]].chart).toMatch(design.sourcegraph.method === 'helm' ? /^sourcegraph$/ : /^assets\//);
  });

  it('destroys the Sourcegraph stack before the infra stack', () => {
    expect(manifest.stacks[stacks.sourcegraph.node.id].dependencies).toEqual([stacks.infra.node.id]);
  });

  it('destroys the release before the namespace, the StorageClass and the ingress controller', () => {
    expect(dependsOn(graph, release, namespace)).toBe(true);
    expect(dependsOn(graph, release, storageClass)).toBe(true);
    for (const c of controllers) expect(dependsOn(graph, release, c)).toBe(true);
  });

  it('destroys the namespace (PVCs, Ingress) while the ingress controller still runs', () => {
    for (const c of controllers) expect(dependsOn(graph, namespace, c)).toBe(true);
  });

  it('destroys the release before the Cluster Autoscaler (EKS; GKE autoscales natively)', () => {
    expect(autoscalers).toHaveLength(eks ? 1 : 0);
    for (const a of autoscalers) expect(dependsOn(graph, release, a)).toBe(true);
  });

  it('waits for the CSI driver to delete the volumes after the namespace (PVCs) and before the StorageClass (EKS)', () => {
    expect(volumeWaits).toHaveLength(eks ? 1 : 0);
    for (const w of volumeWaits) {
      expect(dependsOn(graph, namespace, w)).toBe(true);
      expect(dependsOn(graph, w, storageClass)).toBe(true);
    }
  });

  it('on GKE, destroys the wait for Kubernetes-made cloud resources (disks, NEGs, firewall rules) after everything else', () => {
    expect(cloudWaits).toHaveLength(eks ? 0 : 1);
    for (const w of cloudWaits) {
      for (const address of graph.keys()) if (address !== w) expect({ address, waits: dependsOn(graph, address, w) }).toEqual({ address, waits: true });
    }
  });

  it('keeps the external-service Secrets and jobs until the release is gone', () => {
    for (const dep of [...find('kubernetes_secret_v1'), ...find('kubernetes_job_v1')]) {
      expect(dependsOn(graph, release, dep)).toBe(true);
    }
  });
});
