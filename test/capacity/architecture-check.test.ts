import { AMD64_ONLY_REASON, amd64Alternatives, amd64OnlyFindings, poolArchitecture } from '../../lib/capacity/architecture-check';
import type { NodePool } from '../../lib/design/model';
import { renderWorkloads } from '../../lib/sizing/workloads';
import { awsDesign, gcpDesign } from '../support/design-fixture';

const pool = (changes: Partial<NodePool>): NodePool => ({
  name: 'default',
  machineType: 'm7g.4xlarge',
  minNodes: 2,
  maxNodes: 4,
  diskGb: 100,
  spot: false,
  labels: {},
  taints: [],
  ...changes,
});

describe('amd64OnlyFindings', () => {
  const workloads = renderWorkloads({}, '7.6.0');

  test('refuses a Graviton pool that Sourcegraph pods may land on, with the reason and both fixes', () => {
    // initech-minimal today: one untainted m7g.4xlarge pool.
    const design = awsDesign({ kubernetes: { nodePools: [pool({})] } });
    const [finding, ...rest] = amd64OnlyFindings(design, workloads);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', field: ['kubernetes', 'nodePools', 0, 'machineType'] });
    expect(finding.message).toMatch(/^Pool default is arm64 \(m7g\.4xlarge\) and Sourcegraph pods may be scheduled on it \(.*sourcegraph-frontend.* and \d+ more\)/);
    expect(finding.message).toContain(AMD64_ONLY_REASON);
    expect(finding.message).toContain('sourcegraph-public-snapshot#62139');
    expect(finding.message).toContain('Use an amd64 machine type (e.g. m7i.4xlarge or m7a.4xlarge)');
    expect(finding.message).toContain('or taint the pool (e.g. {key: kubernetes.io/arch, value: arm64, effect: NoSchedule}) so Sourcegraph stays off it');
  });

  test('accepts a Graviton pool every Sourcegraph pod is kept off by a taint, and amd64 pools', () => {
    const tainted = awsDesign({
      kubernetes: {
        nodePools: [
          pool({ name: 'general', machineType: 'm7i.4xlarge' }),
          pool({ name: 'arm', taints: [{ key: 'kubernetes.io/arch', value: 'arm64', effect: 'NoSchedule' }] }),
        ],
      },
    });
    expect(amd64OnlyFindings(tainted, workloads)).toEqual([]);
  });

  test('a PreferNoSchedule taint does not keep pods off', () => {
    const soft = awsDesign({ kubernetes: { nodePools: [pool({ taints: [{ key: 'arch', value: 'arm64', effect: 'PreferNoSchedule' }] })] } });
    expect(amd64OnlyFindings(soft, workloads)).toHaveLength(1);
  });

  test('pods pinned to amd64 (as in the chart\'s advanced-scheduling example) are not at risk', () => {
    const pinned = renderWorkloads({ sourcegraph: { nodeSelector: { 'kubernetes.io/arch': 'amd64' } } }, '7.6.0');
    expect(pinned.every((w) => w.placement.nodeSelector['kubernetes.io/arch'] === 'amd64')).toBe(true);
    expect(amd64OnlyFindings(awsDesign({ kubernetes: { nodePools: [pool({})] } }), pinned)).toEqual([]);
  });

  test('GKE taints Arm nodes itself: a T2A pool is safe unless pods tolerate that taint', () => {
    const design = gcpDesign({ kubernetes: { nodePools: [pool({ machineType: 't2a-standard-16' })] } });
    expect(amd64OnlyFindings(design, workloads)).toEqual([]);
    const tolerant = renderWorkloads({ sourcegraph: { tolerations: [{ operator: 'Exists' }] } }, '7.6.0');
    const [finding] = amd64OnlyFindings(design, tolerant);
    expect(finding.message).toMatch(/^Pool default is arm64 \(t2a-standard-16\)/);
    expect(finding.message).not.toMatch(/e\.g\. m7i/);
  });
});

describe('amd64Alternatives', () => {
  test.each([
    ['m7g.4xlarge', ['m7i.4xlarge', 'm7a.4xlarge']],
    ['m6g.2xlarge', ['m6i.2xlarge', 'm6a.2xlarge']],
    ['r6gd.2xlarge', ['r6id.2xlarge']],
    ['c7g.8xlarge', ['c7i.8xlarge', 'c7a.8xlarge']],
    ['t4g.large', ['t3.large', 't3a.large']],
    ['m6a.4xlarge', []],
  ])('%s -> %j', (type, expected) => {
    expect(amd64Alternatives(type)).toEqual(expected);
  });
});

describe('poolArchitecture', () => {
  test('reads both catalogs', () => {
    expect(poolArchitecture('aws', 'm7g.large')).toBe('arm64');
    expect(poolArchitecture('aws', 'm7i.large')).toBe('x86_64');
    expect(poolArchitecture('gcp', 't2a-standard-8')).toBe('arm64');
    expect(poolArchitecture('gcp', 'n2-standard-8')).toBe('x86_64');
  });
});
