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
 * - a name `gke-<name>-<8 hex>-…`: GKE's own firewall rules and instance groups.
 */
import { GCP_LABEL_KEYS, gcpLabelValue } from '../replica/gcp-labels';
import { GcpAccess, GcpAsset, searchAllResources } from './gcp-asset-search';
import { Leftover, sortForDeletion } from './leftover';

/** gcloud groups whose global resources take no `--global` flag. */
const NO_SCOPE_FLAG = new Set(['firewall-rules', 'snapshots', 'images', 'networks', 'routes']);

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
  return { leftovers: sortForDeletion(leftovers), stillDeployed };
}
