/**
 * How a replica differs from the production it reproduces: the choices
 * sg-replica makes (or the design makes for the replica), read from the
 * design. Pure.
 */
import { CLOUDS, CloudTable, sandboxOf } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { DeploymentMethod, Design, TlsCertificateSource } from '../design/model';
import type { ReplicaAdjustment } from '../kustomize/replica-layer';
import { designRaisedVolumes } from '../sizing/volume-minimums';

/** One difference: what, and why it matters. */
export interface ProductionDifference {
  readonly topic: string;
  readonly replica: string;
}

/** How the replica's NAT differs, by cloud: on AWS one gateway for all zones unless designed per zone; GCP's Cloud NAT is regional. */
const NAT_DIFFERENCE: CloudTable<(design: Design) => ProductionDifference | undefined> = {
  aws: (design) =>
    design.network.natGateways === 'single'
      ? { topic: 'NAT', replica: 'One NAT gateway for all zones (production usually has one per zone): outbound traffic stops if its zone fails.' }
      : undefined,
  gcp: () => undefined,
};

/** How the replica serves TLS, by where its certificate comes from. */
const TLS_TEXT: Readonly<Record<TlsCertificateSource, string>> = {
  none: 'HTTP only: no TLS certificate.',
  acm: 'HTTPS with the given ACM certificate; HTTP redirects to HTTPS.',
  'google-managed': 'HTTPS with a Google-managed certificate for the hostname (provisioned once DNS points at the ingress-address output); HTTP redirects to HTTPS.',
  'gcp-ssl-certificates': 'HTTPS with the named Compute Engine certificates; HTTP redirects to HTTPS.',
  secret: 'HTTPS with the certificate from the named secret, served by ingress-nginx; HTTP redirects to HTTPS.',
};

/** What differs by deployment method: who deploys the in-cluster stores, and which volumes the replica raised to the disk type's minimum (`sizeKey from -> to`). */
const METHOD_DIFFERENCES: Readonly<Record<DeploymentMethod, { storesBy: string; raisedVolumes(design: Design, adjustments: readonly ReplicaAdjustment[]): string[] }>> = {
  helm: { storesBy: 'as the chart deploys them by default', raisedVolumes: (design) => designRaisedVolumes(design).map((r) => `${r.sizeKey} ${r.from} -> ${r.to}`) },
  // A Kustomize replica raises its volumes in its kustomization (lib/kustomize/replica-layer.ts), not in Helm values.
  kustomize: {
    storesBy: "as the customer's overlay deploys them",
    raisedVolumes: (_, adjustments) =>
      adjustments.flatMap((a) => {
        const m = /^(.*?) raised from "?([^"\s]+)"? to (\S+?):/.exec(a.reason);
        return m ? [`${a.object} ${m[1]} ${m[2]} -> ${m[3]}`] : [];
      }),
  },
};

/**
 * The differences of `design`'s replica from a production deployment, most
 * important first. `adjustments`: a Kustomize replica's adjustments to the
 * overlay (the volumes it raised are among them).
 */
export function productionDifferences(design: Design, adjustments: readonly ReplicaAdjustment[] = []): ProductionDifference[] {
  const method = METHOD_DIFFERENCES[design.sourcegraph.method];
  const out: ProductionDifference[] = [];
  const facts = CLOUDS[design.cloud.provider];
  out.push({
    topic: 'Lifetime',
    replica: `Disposable: expires ${design.expiresAfter} after creation; everything is removed by \`cdktf destroy\` (no deletion protection).`,
  });
  out.push({
    topic: 'Data',
    replica: 'Starts empty: no repositories, users, code host connections or license until the engineer adds them. Persistent volumes use reclaim policy Delete, so their data goes with the replica.',
  });
  out.push({
    topic: 'Account',
    replica: `Runs in the sandbox ${facts.label} ${facts.sandbox.noun} ${sandboxOf(design.cloud)} (${design.cloud.region}), not the customer's.`,
  });
  const spot = design.kubernetes.nodePools.filter((p) => p.spot).map((p) => p.name);
  if (spot.length > 0) {
    out.push({ topic: 'Spot capacity', replica: `Pool${spot.length > 1 ? 's' : ''} ${spot.join(', ')} use${spot.length > 1 ? '' : 's'} spot instances: nodes may be reclaimed at short notice.` });
  }
  const nat = NAT_DIFFERENCE[design.cloud.provider](design);
  if (nat) out.push(nat);
  out.push({
    topic: 'Kubernetes API',
    replica:
      design.network.endpointAccess === 'private'
        ? 'The API server is private: reachable from inside the VPC only.'
        : `The API server is public, restricted to ${design.network.allowedCidrs.join(', ') || 'no one'}.`,
  });
  const ingress = INGRESS_KINDS[design.sourcegraph.ingress];
  const host = design.sourcegraph.hostname;
  if (!ingress.loadBalancer) {
    out.push({ topic: 'Access', replica: `No ingress or load balancer: reach Sourcegraph with \`kubectl port-forward\`. ${host} is not served.` });
  } else {
    const clients = design.sourcegraph.allowedClientCidrs;
    out.push({
      topic: 'Access',
      replica: `Served on ${host} through ${ingress.loadBalancer.servedThrough}, accepting ${clients.length > 0 ? clients.join(', ') : 'any client'}. sg-replica creates no DNS record: point the name at the load balancer (or use a hosts entry) to test.`,
    });
    out.push({ topic: 'TLS', replica: TLS_TEXT[design.sourcegraph.tls.certificate] });
  }
  const ext = design.externalServices;
  const inCluster = [!ext.postgres && 'PostgreSQL', !ext.redis && 'Redis', !ext.objectStorage && 'object storage'].filter((x): x is string => typeof x === 'string');
  if (inCluster.length > 0) {
    const names = inCluster.length > 1 ? `${inCluster.slice(0, -1).join(', ')} and ${inCluster[inCluster.length - 1]}` : inCluster[0];
    out.push({ topic: 'Data stores', replica: `${names} run${inCluster.length === 1 ? 's' : ''} inside the cluster on persistent volumes, ${method.storesBy}.` });
  }
  if (ext.postgres && !ext.postgres.highAvailability) {
    out.push({ topic: 'Database availability', replica: `External PostgreSQL (${ext.postgres.instanceClass}) is single-zone.` });
  }
  const raised = method.raisedVolumes(design, adjustments);
  const raisedText = raised.length > 0 ? ` Raised to the ${design.storage.diskType} minimum volume size: ${raised.join(', ')}.` : '';
  out.push({
    topic: 'Storage',
    replica: `Volumes are ${design.storage.diskType}${design.storage.encrypted ? ', encrypted at rest' : ', NOT encrypted'}; no snapshots or backups.${raisedText}`,
  });
  out.push({ topic: 'Tags', replica: 'Every cloud resource carries the sg-replica owner, customer and expiry tags.' });
  return out;
}
