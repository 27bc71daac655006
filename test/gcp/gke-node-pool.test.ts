import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import type { NodePool } from '../../lib/design/model';
import { defaultBootDiskType, GkeNodePool, initialNodesPerZone, type GkeNodePoolProps } from '../../lib/gcp/gke-node-pool';
import { ContainerNodePool } from '../../lib/providers/google';
import { gceMachineTypeNames } from '../../lib/catalog/gce-machine-types';

const pool: NodePool = {
  name: 'general',
  machineType: 'n2-standard-16',
  minNodes: 3,
  maxNodes: 6,
  diskGb: 150,
  spot: false,
  labels: {},
  taints: [],
};
const base: GkeNodePoolProps = {
  clusterId: 'projects/acme-sandbox/locations/us-central1/clusters/acme-prod',
  location: 'us-central1',
  zoneCount: 3,
  pool,
  serviceAccountEmail: 'acme-prod-nodes@acme-sandbox.iam.gserviceaccount.com',
  labels: { 'sg-replica-name': 'acme-prod' },
};

function synth(props: Partial<GkeNodePoolProps> = {}, poolChanges: Partial<NodePool> = {}): string {
  return Testing.synthScope((scope) => {
    new GkeNodePool(scope, 'pool', { ...base, ...props, pool: { ...pool, ...poolChanges } });
  });
}

function nodePool(props: Partial<GkeNodePoolProps> = {}, poolChanges: Partial<NodePool> = {}): any {
  const all = Object.values(JSON.parse(synth(props, poolChanges)).resource.google_container_node_pool);
  expect(all).toHaveLength(1);
  return all[0];
}

describe('GkeNodePool', () => {
  it('autoscales between the pool minimum and maximum in total over the region', () => {
    expect(synth()).toHaveResourceWithProperties(ContainerNodePool, {
      name: 'general',
      cluster: base.clusterId,
      location: 'us-central1',
      autoscaling: { total_min_node_count: 3, total_max_node_count: 6, location_policy: 'BALANCED' },
      initial_node_count: 1,
      max_pods_per_node: 110,
      lifecycle: { ignore_changes: ['initial_node_count'] },
    });
    const p = nodePool();
    expect(p.autoscaling.min_node_count).toBeUndefined();
    expect(p.autoscaling.max_node_count).toBeUndefined();
    expect(p.node_count).toBeUndefined();
  });

  it('starts with enough nodes per zone for the minimum, never above the maximum', () => {
    expect(initialNodesPerZone(3, 6, 3)).toBe(1);
    expect(initialNodesPerZone(4, 9, 3)).toBe(2);
    expect(initialNodesPerZone(4, 4, 3)).toBe(1);
    expect(initialNodesPerZone(0, 3, 3)).toBe(0);
    expect(initialNodesPerZone(1, 2, 3)).toBe(0);
    expect(nodePool({}, { minNodes: 4, maxNodes: 9 }).initial_node_count).toBe(2);
  });

  it('runs spot pools anywhere there is capacity', () => {
    const p = nodePool({}, { spot: true });
    expect(p.node_config.spot).toBe(true);
    expect(p.autoscaling.location_policy).toBe('ANY');
    expect(nodePool().node_config.spot).toBe(false);
  });

  it('sizes the boot disk from the pool, on balanced PD by default', () => {
    const p = nodePool();
    expect(p.node_config).toMatchObject({
      machine_type: 'n2-standard-16',
      disk_size_gb: 150,
      disk_type: 'pd-balanced',
      image_type: 'COS_CONTAINERD',
    });
    expect(nodePool({ bootDiskType: 'pd-ssd' }).node_config.disk_type).toBe('pd-ssd');
  });

  it('boots Hyperdisk-only machine series from hyperdisk-balanced', () => {
    expect(defaultBootDiskType('n4-standard-16')).toBe('hyperdisk-balanced');
    expect(defaultBootDiskType('c4-standard-8')).toBe('hyperdisk-balanced');
    expect(defaultBootDiskType('n2d-standard-16')).toBe('pd-balanced');
    expect(nodePool({}, { machineType: 'n4-standard-16' }).node_config.disk_type).toBe('hyperdisk-balanced');
    expect(() => synth({ bootDiskType: 'pd-ssd' }, { machineType: 'n4-standard-16' })).toThrow(
      'machine type n4-standard-16 needs boot disk type hyperdisk-balanced, got pd-ssd',
    );
    expect(() => synth({ bootDiskType: 'hyperdisk-balanced' })).toThrow('needs boot disk type pd-balanced or pd-ssd');
  });

  it('sets Kubernetes labels and taints with GKE effect names', () => {
    const p = nodePool({}, {
      labels: { 'sourcegraph.com/pool': 'search' },
      taints: [
        { key: 'dedicated', value: 'search', effect: 'NoSchedule' },
        { key: 'example.com/soft', value: '', effect: 'PreferNoSchedule' },
        { key: 'evict', value: 'yes', effect: 'NoExecute' },
      ],
    });
    expect(p.node_config.labels).toEqual({ 'sourcegraph.com/pool': 'search' });
    expect(p.node_config.taint).toEqual([
      { key: 'dedicated', value: 'search', effect: 'NO_SCHEDULE' },
      { key: 'example.com/soft', value: '', effect: 'PREFER_NO_SCHEDULE' },
      { key: 'evict', value: 'yes', effect: 'NO_EXECUTE' },
    ]);
    expect(nodePool().node_config.labels).toBeUndefined();
  });

  it('runs hardened as the dedicated service account, with the replica labels on the VMs', () => {
    expect(nodePool().node_config).toMatchObject({
      service_account: base.serviceAccountEmail,
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: 'GKE_METADATA' },
      metadata: { 'disable-legacy-endpoints': 'true' },
      resource_labels: { 'sg-replica-name': 'acme-prod' },
    });
  });

  it('auto-repairs and auto-upgrades with a surge node and no unavailable one', () => {
    const p = nodePool();
    expect(p.management).toEqual({ auto_repair: true, auto_upgrade: true });
    expect(p.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
    expect(p.timeouts).toEqual({ create: '45m', update: '45m', delete: '45m' });
  });

  it('refuses what GKE would refuse, naming the value', () => {
    expect(() => synth({}, { name: '1st' })).toThrow('GkeNodePool "1st": pool name must be');
    expect(() => synth({}, { machineType: 'm6a.4xlarge' })).toThrow('machineType "m6a.4xlarge" is not a GCE machine type');
    expect(() => synth({}, { minNodes: 7 })).toThrow('minNodes 7 is above maxNodes 6');
    expect(() => synth({}, { maxNodes: 0, minNodes: 0 })).toThrow('maxNodes at least 1');
    expect(() => synth({}, { diskGb: 5 })).toThrow('diskGb 5 must be a whole number from 10');
    expect(() => synth({ zoneCount: 0 })).toThrow('zoneCount 0');
    expect(() => synth({ maxPodsPerNode: 500 })).toThrow('maxPodsPerNode must be a whole number from 8 to 256, got 500');
    expect(() => synth({}, { taints: [{ key: 'bad key', value: '', effect: 'NoSchedule' }] })).toThrow('taint key "bad key"');
    expect(() => synth({}, { taints: [{ key: 'k', value: 'bad value', effect: 'NoSchedule' }] })).toThrow('taint value "bad value"');
    expect(() => synth({}, { taints: [{ key: 'k', value: '', effect: 'Never' as never }] })).toThrow('taint effect "Never"');
    expect(() => synth({ labels: { 'Bad Key': 'x' } })).toThrow("label key 'Bad Key'");
  });
});

describe('GkeNodePool and the machine-type catalog', () => {
  it('accepts every machine type validation accepts (the catalog): validate => synth', () => {
    const names = gceMachineTypeNames();
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        names.forEach((machineType, i) => new GkeNodePool(scope, `pool-${i}`, { ...base, pool: { ...pool, name: `pool-${i}`, machineType } }));
      }),
    );
    expect(Object.values<any>(out.resource.google_container_node_pool).map((p) => p.node_config.machine_type).sort()).toEqual([...names].sort());
  });
});
