/** Turning a shape-checked document into the typed Design: every default once, placeholders for refused fields. */
import { buildDesign, defaultZones, parseDurationHours } from '../../lib/design/build-design';

const source = { file: 'd.yaml', baseDir: '/designs' };
const minimal = {
  name: 'acme-prod',
  customer: 'Acme Corp',
  owner: 'jane@example.com',
  cloud: { provider: 'aws', region: 'us-east-2', accountId: '111122223333' },
  kubernetes: { version: '1.33', nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6 }] },
  sourcegraph: { version: '7.6.0', size: 'S', hostname: 'sourcegraph.acme.example.com', ingress: 'alb' },
};

describe('buildDesign', () => {
  it('applies every default of a minimal AWS design', () => {
    const design = buildDesign(minimal, source, []);
    expect(design).toEqual({
      name: 'acme-prod',
      customer: 'Acme Corp',
      owner: 'jane@example.com',
      expiresAfter: '72h',
      expiresAfterHours: 72,
      cloud: { provider: 'aws', region: 'us-east-2', accountId: '111122223333' },
      network: { cidr: '10.0.0.0/16', zones: 3, availabilityZones: ['us-east-2a', 'us-east-2b', 'us-east-2c'], endpointAccess: 'public', allowedCidrs: [], natGateways: 'single' },
      kubernetes: {
        version: '1.33',
        nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: false, labels: {}, taints: [] }],
        admins: [],
      },
      storage: { diskType: 'gp3', encrypted: true },
      sourcegraph: { method: 'helm', version: '7.6.0', size: 'S', namespace: 'sourcegraph', hostname: 'sourcegraph.acme.example.com', ingress: 'alb', allowedClientCidrs: [], tls: { certificate: 'none' }, overrides: [], values: {} },
      externalServices: {},
      state: { backend: 'local' },
      waivers: [],
      source,
    });
  });

  it('takes a GCP design’s project, zones and disk type from the cloud table', () => {
    const design = buildDesign({ ...minimal, cloud: { provider: 'gcp', region: 'us-central1', project: 'acme-sandbox' } }, source, []);
    expect(design.cloud).toEqual({ provider: 'gcp', region: 'us-central1', project: 'acme-sandbox' });
    expect(design.network.availabilityZones).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    expect(design.storage.diskType).toBe('pd-ssd');
  });

  it('copies the API allow-list to the frontend’s clients unless the design names its own', () => {
    expect(buildDesign({ ...minimal, network: { allowedCidrs: ['203.0.113.0/24'] } }, source, []).sourcegraph.allowedClientCidrs).toEqual(['203.0.113.0/24']);
    expect(
      buildDesign({ ...minimal, network: { allowedCidrs: ['203.0.113.0/24'] }, sourcegraph: { ...minimal.sourcegraph, allowedClientCidrs: [] } }, source, []).sourcegraph.allowedClientCidrs,
    ).toEqual([]);
  });

  it('reads the deployment method (helm unless kustomize) and resolves the overlay against the design’s directory', () => {
    expect(buildDesign(minimal, source, []).sourcegraph).not.toHaveProperty('overlay');
    expect(buildDesign({ ...minimal, sourcegraph: { ...minimal.sourcegraph, method: 'kubectl' } }, source, []).sourcegraph.method).toBe('helm');
    const k = buildDesign({ ...minimal, sourcegraph: { ...minimal.sourcegraph, method: 'kustomize', overlay: 'o/../overlay' } }, source, []).sourcegraph;
    expect(k).toMatchObject({ method: 'kustomize', overlay: { path: 'o/../overlay', resolvedPath: require('path').resolve(source.baseDir, 'overlay') } });
  });

  it('counts named zones when zones is not given, and takes the first zones of the region otherwise', () => {
    expect(buildDesign({ ...minimal, network: { availabilityZones: ['us-east-2b', 'us-east-2c'] } }, source, []).network).toMatchObject({ zones: 2, availabilityZones: ['us-east-2b', 'us-east-2c'] });
    expect(buildDesign({ ...minimal, network: { zones: 2 } }, source, []).network.availabilityZones).toEqual(['us-east-2a', 'us-east-2b']);
  });

  it('builds external services, codebase and state with their defaults', () => {
    const design = buildDesign(
      {
        ...minimal,
        sourcegraph: { ...minimal.sourcegraph, codebase: { repositories: 10 } },
        externalServices: { postgres: { instanceClass: 'db.m6g.xlarge' }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} },
        state: { backend: 's3', bucket: 'acme-state' },
      },
      source,
      [],
    );
    expect(design.externalServices).toEqual({
      postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false },
      redis: { nodeType: 'cache.m6g.large' },
      objectStorage: {},
    });
    expect(design.sourcegraph.codebase).toEqual({ repositories: 10, totalSizeGb: 1, largestRepoGb: 1 });
    expect(design.state).toEqual({ backend: 's3', bucket: 'acme-state', lock: 's3', prefix: 'sg-replica' });
    expect(buildDesign({ ...minimal, state: { backend: 'gcs', bucket: 'b', region: 'us-east-2' } }, source, []).state).toEqual({ backend: 'gcs', bucket: 'b', region: 'us-east-2', prefix: 'sg-replica' });
  });

  it('keeps the override files it is given, in order', () => {
    const overrides = [{ path: 'a.yaml', resolvedPath: '/designs/a.yaml', values: { a: 1 } }];
    expect(buildDesign(minimal, source, overrides).sourcegraph.overrides).toBe(overrides);
  });

  it('puts placeholders where the schema refused a field, so the rules can check the rest', () => {
    const design = buildDesign(
      { cloud: { provider: 'azure', region: 7 }, network: 'wide', kubernetes: { nodePools: [{ minNodes: 'three', spot: 'yes', labels: { a: 1 } }, 'x'] }, waivers: [{}] },
      source,
      [],
    );
    expect(design.cloud).toEqual({ provider: 'aws', region: '', accountId: '' });
    expect(design.network.cidr).toBe('10.0.0.0/16');
    expect(design.kubernetes.nodePools[0]).toMatchObject({ name: '', machineType: '', minNodes: NaN, maxNodes: NaN, spot: false, labels: { a: '' } });
    expect(design.kubernetes.nodePools[1]).toMatchObject({ name: '', diskGb: 100 });
    expect(design.waivers).toEqual([{ rule: '', reason: '' }]);
    expect(design.sourcegraph).toMatchObject({ ingress: 'none', size: 'S', values: {} });
  });
});

describe('parseDurationHours', () => {
  it('reads hours and days, and nothing else', () => {
    expect([parseDurationHours('72h'), parseDurationHours('3d'), parseDurationHours('1h')]).toEqual([72, 72, 1]);
    for (const bad of ['0h', '3w', '1.5d', '', 'h', '03h']) expect(parseDurationHours(bad)).toBeNaN();
  });
});

describe('defaultZones', () => {
  it('gives a known region’s zones in catalog order, and none for an unknown region or provider', () => {
    expect(defaultZones('aws', 'us-east-1')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f']);
    expect(defaultZones('gcp', 'europe-west1')).toEqual(['europe-west1-b', 'europe-west1-c', 'europe-west1-d']);
    expect(defaultZones('aws', 'mars-1')).toEqual([]);
    expect(defaultZones('azure', 'eastus')).toEqual([]);
  });
});
