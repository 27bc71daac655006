/**
 * GCP leftovers of a replica, found with Cloud Asset Inventory. sg-replica
 * lists them with the gcloud command that deletes each; it does not delete
 * on GCP itself.
 *
 * What ties a resource to replica `<name>` (its GKE cluster is `<name>`):
 * - label `sg-replica-name=<name>`: what Terraform made (provider default
 *   labels) and PD CSI disks (StorageClass `labels` parameter);
 * - label `goog-k8s-cluster-name=<name>`: what GKE labels for the cluster
 *   (node VMs and their disks);
 * - a name `gke-<name>-<8 hex>-…`: GKE's own firewall rules and instance groups;
 * - the replica's VPC (named `<name>`), through the Compute Engine API:
 *   network endpoint groups and firewall rules in it (what the GCE ingress,
 *   NEG and service controllers made, `k8s*`), and its peerings (Memorystore's
 *   `redis-peer-*` keeps the VPC from being deleted) — the VPC itself still
 *   existing means the destroy did not finish;
 * - the names sg-replica gives the GCE ingress's resources that take no
 *   labels (`gceIngressNames`): the Cloud Armor policy and the backend
 *   services still using it, the SSL policy, the Google-managed
 *   certificate, and the forwarding rules still using the reserved address.
 */
import { GCP_LABEL_KEYS, gcpLabelValue } from '../replica/gcp-labels';
import { gceIngressNames } from '../replica/gce-ingress-names';
import { GcpAccess, GcpAsset, searchAllResources } from './gcp-asset-search';
import { computeGet, computeList, fullResourceName } from './gcp-compute';
import { Leftover, sortForDeletion } from './leftover';

/** gcloud groups whose global resources take no `--global` flag. */
const NO_SCOPE_FLAG = new Set(['firewall-rules', 'snapshots', 'images', 'networks', 'routes', 'security-policies', 'ssl-policies']);

/** A compute collection name as its gcloud group: `forwardingRules` → `forwarding-rules`. */
function gcloudGroup(collection: string): string {
  if (collection === 'firewalls') return 'firewall-rules';
  if (collection === 'instanceGroups') return 'instance-groups unmanaged';
  return collection.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The gcloud group and delete command of a compute resource, from its full
 * name `//compute.googleapis.com/projects/<p>/(zones/<z>|regions/<r>|global)/<collection>/<name>`.
 * Undefined for other services. Pure.
 */
export function gcloudDelete(fullName: string): { group: string; command: string } | undefined {
  const m = /^\/\/compute\.googleapis\.com\/projects\/([^/]+)\/(?:(zones|regions)\/([^/]+)\/|global\/)([A-Za-z]+)\/([^/]+)$/.exec(fullName);
  if (!m) return undefined;
  const [, project, scopeKind, scope, collection, name] = m;
  const group = gcloudGroup(collection);
  const scopeFlag = scopeKind === 'zones' ? ` --zone ${scope}` : scopeKind === 'regions' ? ` --region ${scope}` : NO_SCOPE_FLAG.has(group) ? '' : ' --global';
  return { group, command: `gcloud compute ${group} delete ${name}${scopeFlag} --project ${project} --quiet` };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Asset types whose presence means the replica is still deployed. */
const DEPLOYED_TYPES = new Set(['container.googleapis.com/Cluster', 'container.googleapis.com/NodePool', 'compute.googleapis.com/Network']);

/**
 * The replica's GCP leftovers in a project, in deletion order, and whether
 * its GKE cluster still exists (then it is still deployed).
 */
export async function findGcpLeftovers(name: string, project: string, access: GcpAccess): Promise<{ leftovers: Leftover[]; stillDeployed: string[] }> {
  const label = gcpLabelValue(name);
  const gkeName = new RegExp(`^gke-${escapeRegExp(name)}-[0-9a-f]{8}-`);
  const searches: { query: string; matchedBy: string; keep: (a: GcpAsset) => boolean }[] = [
    { query: `labels.${GCP_LABEL_KEYS.name}=${label}`, matchedBy: GCP_LABEL_KEYS.name, keep: (a) => a.labels[GCP_LABEL_KEYS.name] === label },
    { query: `labels.goog-k8s-cluster-name=${name}`, matchedBy: 'goog-k8s-cluster-name', keep: (a) => a.labels['goog-k8s-cluster-name'] === name },
    { query: `name:"gke-${name}"`, matchedBy: `name gke-${name}-*`, keep: (a) => gkeName.test(a.displayName) },
  ];
  const results = await Promise.all(searches.map(async (s) => (await searchAllResources(project, s.query, access)).filter(s.keep).map((asset) => ({ asset, matchedBy: s.matchedBy }))));
  const seen = new Set<string>();
  const leftovers: Leftover[] = [];
  const stillDeployed: string[] = [];
  for (const { asset, matchedBy } of results.flat()) {
    if (seen.has(asset.name)) continue;
    seen.add(asset.name);
    if (DEPLOYED_TYPES.has(asset.assetType)) {
      stillDeployed.push(asset.name);
      continue;
    }
    const gcloud = gcloudDelete(asset.name);
    leftovers.push({
      cloud: 'gcp',
      kind: gcloud?.group ?? asset.assetType,
      id: asset.name,
      name: asset.displayName,
      location: asset.location,
      ...(asset.state && { state: asset.state }),
      matchedBy,
      keepReason: gcloud ? 'sg-replica does not delete on GCP; use the command' : `sg-replica does not delete ${asset.assetType} resources; delete it in the console`,
      ...(gcloud && { deleteCommand: gcloud.command }),
    });
  }
  for (const found of await findInComputeEngine(name, project, access)) {
    if (seen.has(found.id)) continue;
    seen.add(found.id);
    if (found.deployed) stillDeployed.push(found.id);
    else leftovers.push(found.leftover);
  }
  return { leftovers: sortForDeletion(leftovers), stillDeployed };
}

/** A leftover found through the Compute Engine API, or the VPC that shows the replica is still deployed. */
type ComputeFinding = { id: string; deployed: true } | { id: string; deployed: false; leftover: Leftover };

const KEEP_GCP = 'sg-replica does not delete on GCP; use the command';

/** A Compute Engine resource (as the API returns it) as a leftover. */
function computeLeftover(resource: Record<string, unknown>, matchedBy: string): ComputeFinding {
  const id = fullResourceName(String(resource.selfLink ?? ''));
  const scope = /\/(zones|regions)\/([^/]+)\//.exec(id);
  const gcloud = gcloudDelete(id);
  return {
    id,
    deployed: false,
    leftover: {
      cloud: 'gcp',
      kind: gcloud?.group ?? String(resource.kind ?? 'compute'),
      id,
      name: String(resource.name ?? id.split('/').pop()),
      location: scope ? scope[2] : 'global',
      matchedBy,
      keepReason: KEEP_GCP,
      ...(gcloud && { deleteCommand: gcloud.command }),
    },
  };
}

/**
 * What the Compute Engine API shows of the replica that labels cannot:
 * see the module comment. Replica names are `[a-z][-a-z0-9]*`, so they are
 * used in filters as they are.
 */
async function findInComputeEngine(name: string, project: string, access: GcpAccess): Promise<ComputeFinding[]> {
  const names = gceIngressNames(name);
  const inNetwork = `network eq ".*/networks/${name}"`;
  const [negs, firewalls, backendServices, network, named, address] = await Promise.all([
    computeList(project, 'aggregated/networkEndpointGroups', inNetwork, access),
    computeList(project, 'global/firewalls', inNetwork, access),
    computeList(project, 'aggregated/backendServices', `securityPolicy eq ".*/securityPolicies/${names.securityPolicy}"`, access),
    computeGet(project, `global/networks/${name}`, access),
    Promise.all([
      computeGet(project, `global/securityPolicies/${names.securityPolicy}`, access),
      computeGet(project, `global/sslPolicies/${names.sslPolicy}`, access),
      computeGet(project, `global/sslCertificates/${names.certificate}`, access),
    ]),
    computeGet(project, `global/addresses/${names.address}`, access),
  ]);
  const found: ComputeFinding[] = [
    ...negs.map((r) => computeLeftover(r, `network ${name}`)),
    ...firewalls.map((r) => computeLeftover(r, `network ${name}`)),
    ...backendServices.map((r) => computeLeftover(r, `security policy ${names.securityPolicy}`)),
    ...named.filter((r): r is Record<string, unknown> => r !== undefined).map((r) => computeLeftover(r, `name ${String(r.name)}`)),
  ];
  if (address) {
    found.push(computeLeftover(address, `name ${names.address}`));
    for (const user of (address.users as string[] | undefined) ?? []) {
      found.push(computeLeftover({ selfLink: user, name: user.split('/').pop() }, `address ${names.address}`));
    }
  }
  if (network) {
    const networkId = fullResourceName(String(network.selfLink ?? `projects/${project}/global/networks/${name}`));
    found.push({ id: networkId, deployed: true });
    for (const peering of (network.peerings as { name?: string; state?: string }[] | undefined) ?? []) {
      const peeringName = String(peering.name);
      found.push({
        id: `${networkId}/peerings/${peeringName}`,
        deployed: false,
        leftover: {
          cloud: 'gcp',
          kind: 'network-peerings',
          id: `${networkId}/peerings/${peeringName}`,
          name: peeringName,
          location: 'global',
          ...(peering.state && { state: peering.state }),
          matchedBy: `network ${name}`,
          keepReason: peeringName.startsWith('redis-peer-')
            ? "Memorystore's peering outlives its instances and keeps the network from being deleted; use the command"
            : KEEP_GCP,
          deleteCommand: `gcloud compute networks peerings delete ${peeringName} --network ${name} --project ${project} --quiet`,
        },
      });
    }
  }
  return found;
}
