/**
 * Design fixtures for tests: complete, valid `Design` objects built in code,
 * with a deep-partial override for the one thing a test is about.
 *
 *   const design = awsDesign({ sourcegraph: { ingress: 'nginx' } });
 *
 * Override rules: maps merge deeply, arrays and scalars replace, `undefined`
 * leaves the fixture's value. The result is a fresh object every call.
 */
import { AwsDesign, Design, GcpDesign } from '../../lib/design/model';
import { buildFrontendTls } from '../../lib/design/frontend-tls';

/** Every property optional, recursively; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { -readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) {
    return (override === undefined ? base : override) as T;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out as T;
}

/**
 * A complete AWS design: `acme-prod` for Acme Corp in us-east-2, 3 zones,
 * public endpoint for 203.0.113.0/24, one `general` pool of m6a.4xlarge
 * (3..6 nodes), gp3 encrypted storage, Sourcegraph 7.6.0 size S behind an ALB
 * that accepts clients from 203.0.113.0/24 (the `network.allowedCidrs` default).
 */
export function awsDesign(overrides: DeepPartial<Design> = {}): AwsDesign {
  const base: AwsDesign = {
    name: 'acme-prod',
    customer: 'Acme Corp',
    owner: 'jane.doe@example.com',
    expiresAfter: '72h',
    expiresAfterHours: 72,
    cloud: { provider: 'aws', region: 'us-east-2', accountId: '111122223333' },
    network: {
      cidr: '10.42.0.0/16',
      zones: 3,
      availabilityZones: ['us-east-2a', 'us-east-2b', 'us-east-2c'],
      endpointAccess: 'public',
      allowedCidrs: ['203.0.113.0/24'],
      natGateways: 'single',
    },
    kubernetes: {
      version: '1.33',
      nodePools: [
        {
          name: 'general',
          machineType: 'm6a.4xlarge',
          minNodes: 3,
          maxNodes: 6,
          diskGb: 100,
          spot: false,
          labels: {},
          taints: [],
        },
      ],
      admins: [],
    },
    storage: { diskType: 'gp3', encrypted: true },
    sourcegraph: {
      method: 'helm',
      version: '7.6.0',
      size: 'S',
      namespace: 'sourcegraph',
      hostname: 'sourcegraph.acme.example.com',
      ingress: 'alb',
      allowedClientCidrs: ['203.0.113.0/24'],
      tls: { certificate: 'none' },
      overrides: [],
      values: {},
    },
    externalServices: {},
    state: { backend: 'local' },
    waivers: [],
    source: { file: 'test', baseDir: process.cwd() },
  };
  const design = withDefaultTls(deepMerge(base, overrides), overrides);
  if (design.cloud.provider !== 'aws') throw new Error('awsDesign(): use gcpDesign() for a GCP design');
  return design;
}

/**
 * The design's TLS as build-design gives it: what `overrides` name
 * (`sourcegraph.tls`, or an ACM certificate in `tlsCertificateArn`), else the
 * ingress kind's default.
 */
function withDefaultTls<T extends Design>(design: T, overrides: DeepPartial<Design>): T {
  const given = overrides.sourcegraph?.tls as Design['sourcegraph']['tls'] | undefined;
  const arn = design.sourcegraph.tlsCertificateArn;
  const tls = given ?? (arn !== undefined ? { certificate: 'acm' as const, arn } : buildFrontendTls({}, design.sourcegraph.ingress));
  return { ...design, sourcegraph: { ...design.sourcegraph, tls, ...(tls.certificate === 'acm' && { tlsCertificateArn: tls.arn }) } };
}

/**
 * A complete GCP design: the same replica as `awsDesign()` on GKE in
 * us-central1 (project acme-sandbox), n2-standard-16 nodes, pd-ssd storage,
 * GCE ingress open to all clients (`0.0.0.0/0`, so no Cloud Armor policy)
 * with a Google-managed certificate.
 */
export function gcpDesign(overrides: DeepPartial<Design> = {}): GcpDesign {
  const base = awsDesign({
    storage: { diskType: 'pd-ssd' },
    sourcegraph: { ingress: 'gce', allowedClientCidrs: ['0.0.0.0/0'] },
  }) as Design;
  const gcpBase: GcpDesign = {
    ...base,
    cloud: { provider: 'gcp', region: 'us-central1', project: 'acme-sandbox' },
    network: { ...base.network, availabilityZones: ['us-central1-a', 'us-central1-b', 'us-central1-c'] },
    kubernetes: {
      ...base.kubernetes,
      nodePools: [{ ...base.kubernetes.nodePools[0], machineType: 'n2-standard-16' }],
    },
  };
  const design = withDefaultTls(deepMerge(gcpBase, overrides), overrides);
  if (design.cloud.provider !== 'gcp') throw new Error('gcpDesign(): use awsDesign() for an AWS design');
  return design;
}
