/**
 * The generated design matrix of the render tier: every chart version x
 * every size, spread over both clouds, every ingress kind of each cloud,
 * external services on and off, tainted pools and override files, so that
 * each value of each dimension appears with each chart version and each
 * cloud. Designs are built with `designFromObject` (the same checks as a
 * design file).
 */
import type { DesignInput } from '../../lib/design/design-input';
import * as path from 'path';
import { designFromObject } from '../../lib/checks/check-design';
import { Design, IngressKind, SourcegraphSize } from '../../lib/design/model';
import { SOURCEGRAPH_CHART_VERSIONS } from '../../lib/catalog/chart-versions';

export const MATRIX_FIXTURES = path.join(__dirname, '..', 'fixtures', 'render');

const SIZES: readonly SourcegraphSize[] = ['XS', 'S', 'M', 'L', 'XL'];
const INGRESS: Readonly<Record<'aws' | 'gcp', readonly IngressKind[]>> = { aws: ['alb', 'nginx', 'none'], gcp: ['gce', 'nginx', 'none'] };
const DISKS = { aws: ['gp3', 'io2', 'gp2'], gcp: ['pd-ssd', 'pd-balanced'] } as const;

/** One generated design and what it covers. */
export interface MatrixDesign {
  readonly label: string;
  readonly design: Design;
}

function raw(cloud: 'aws' | 'gcp', version: string, index: number): { label: string; input: Record<string, unknown> } {
  const size = SIZES[index % SIZES.length];
  const ingress = INGRESS[cloud][index % 3];
  const external = index % 2 === 0;
  const tainted = index % 3 !== 1;
  const override = index % 2 === 1 || index === 4;
  const disk = DISKS[cloud][index % DISKS[cloud].length];
  const name = `m-${cloud}-${version.split('.')[0]}-${index}`;
  const machine = cloud === 'aws' ? 'm6a.8xlarge' : 'n2-standard-32';
  const searchMachine = cloud === 'aws' ? 'r6i.4xlarge' : 'n2-highmem-16';
  const pools: Record<string, unknown>[] = [{ name: 'general', machineType: machine, minNodes: 3, maxNodes: 12, labels: { workload: 'general' } }];
  const values: Record<string, unknown> = {};
  if (tainted) {
    pools.push({ name: 'search', machineType: searchMachine, minNodes: 2, maxNodes: 6, labels: { workload: 'search' }, taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }] });
    pools.push({ name: 'batch', machineType: machine, minNodes: 0, maxNodes: 4, spot: true, labels: { workload: 'batch' }, taints: [{ key: 'spot', effect: 'NoExecute' }] });
    values.indexedSearch = { nodeSelector: { workload: 'search' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' }] };
  }
  const input: Record<string, unknown> = {
    name,
    customer: 'Matrix',
    owner: 'render@example.com',
    cloud: cloud === 'aws' ? { provider: 'aws', region: 'us-east-2', accountId: '111122223333' } : { provider: 'gcp', region: 'us-central1', project: 'matrix-sandbox' },
    network: { allowedCidrs: ['203.0.113.0/24'] },
    kubernetes: { version: index % 2 === 0 ? '1.33' : '1.32', nodePools: pools },
    storage: { diskType: disk },
    sourcegraph: {
      version,
      size,
      hostname: `${name}.example.com`,
      ingress,
      ...(ingress === 'gce' ? { allowedClientCidrs: ['0.0.0.0/0'] } : {}),
      ...(override ? { overrides: ['customer-override.yaml'] } : {}),
      values,
    },
    ...(external
      ? {
          externalServices: {
            postgres: { instanceClass: cloud === 'aws' ? 'db.m6g.xlarge' : 'db-custom-4-16384' },
            redis: cloud === 'aws' ? { nodeType: 'cache.m6g.large' } : { memoryGb: 5 },
            objectStorage: {},
          },
        }
      : {}),
    waivers: [{ rule: 'capacity-fit', reason: 'the render tier checks rendering, not capacity' }],
  };
  const label = `${cloud} chart ${version} size ${size} ingress ${ingress} ${disk}${external ? ' external' : ''}${tainted ? ' tainted' : ''}${override ? ' override' : ''}`;
  return { label, input };
}

/** The matrix: for each chart version and cloud, six designs (every ingress kind with and without external services). */
export function renderMatrix(): MatrixDesign[] {
  const out: MatrixDesign[] = [];
  for (const version of SOURCEGRAPH_CHART_VERSIONS) {
    for (const cloud of ['aws', 'gcp'] as const) {
      for (let index = 0; index < 6; index++) {
        const { label, input } = raw(cloud, version, index);
        out.push({ label, design: designFromObject(input as unknown as DesignInput, { file: `<matrix ${label}>`, baseDir: MATRIX_FIXTURES }) });
      }
    }
  }
  return out;
}
