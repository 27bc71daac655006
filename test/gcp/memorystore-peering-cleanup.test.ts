import { Testing } from 'cdktf';
import { GkeNetwork } from '../../lib/gcp/gke-network';
import { MemorystorePeeringCleanup, MEMORYSTORE_PEERING_CLEANUP_SCRIPT } from '../../lib/gcp/memorystore-peering-cleanup';
import { MemorystoreRedis } from '../../lib/gcp/memorystore-redis';
import { isTerraformLiteral } from '../../lib/terraform/terraform-literal';
import { FakeGcloud, runDestroyCommand } from '../support/destroy-command';
import { unresolvedReferences } from '../support/terraform-references';

function synth(props: { attempts?: number } = {}): any {
  return JSON.parse(
    Testing.synthScope((s) => void new MemorystorePeeringCleanup(s, 'peering', { project: 'hooli-sg-replica', networkName: 'hooli-private', attempts: props.attempts ?? 3, intervalSeconds: 0 })),
  );
}

describe('MemorystorePeeringCleanup', () => {
  it('sits between the network and the Redis instances: destroyed after the instances, before the network', () => {
    const json = JSON.parse(
      Testing.synthScope((s) => {
        const network = new GkeNetwork(s, 'network', { name: 'hooli-private', region: 'europe-west4', cidr: '10.96.0.0/16' });
        const cleanup = new MemorystorePeeringCleanup(s, 'peering', { project: 'hooli-sg-replica', networkName: network.network.name, dependsOn: [network.network] });
        new MemorystoreRedis(s, 'cache', { instanceName: 'hooli-private-redis-cache', region: 'europe-west4', networkSelfLink: network.networkSelfLink, dependsOn: [cleanup.command.resource] });
      }),
    );
    const [data] = Object.values(json.resource.terraform_data) as any[];
    expect(data.depends_on).toEqual([expect.stringMatching(/^google_compute_network\./)]);
    expect(data.input.SG_NETWORK).toMatch(/^\$\{google_compute_network\.[^.]+\.name\}$/);
    const [redis] = Object.values(json.resource.google_redis_instance) as any[];
    expect(redis.depends_on).toEqual([expect.stringMatching(/^terraform_data\./)]);
    expect(redis.connect_mode).toBe('DIRECT_PEERING');
    expect(unresolvedReferences(json)).toEqual([]);
    expect(isTerraformLiteral(MEMORYSTORE_PEERING_CLEANUP_SCRIPT)).toBe(true);
  });

  it('deletes the redis-peer-* peering, leaves others alone, and finishes when none is left', () => {
    const gcloud = new FakeGcloud()
      .answer('networks-peerings', 'list', 1, 'gke-n0a1b2c3d4e5f6a7b8-1234-5678-peer\nredis-peer-123456789012\n')
      .answer('networks-peerings', 'list', 2, 'gke-n0a1b2c3d4e5f6a7b8-1234-5678-peer\n');
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(gcloud.calls()).toEqual([
      'compute networks peerings list --network hooli-private --project hooli-sg-replica --flatten peerings[] --format value(peerings.name)',
      'compute networks peerings delete redis-peer-123456789012 --network hooli-private --project hooli-sg-replica --quiet',
      'compute networks peerings list --network hooli-private --project hooli-sg-replica --flatten peerings[] --format value(peerings.name)',
    ]);
    expect(r.stdout).toContain("deleted Memorystore's peering redis-peer-123456789012 of network hooli-private");
    expect(r.stdout).toContain('no Memorystore peering left on network hooli-private');
  });

  it('does nothing when there is no Memorystore peering', () => {
    const gcloud = new FakeGcloud();
    expect(runDestroyCommand(synth(), gcloud).status).toBe(0);
    expect(gcloud.calls()).toHaveLength(1);
  });

  it('retries a refused delete, then fails the destroy saying how to finish by hand', () => {
    const gcloud = new FakeGcloud();
    for (const n of [1, 2, 3]) {
      gcloud.answer('networks-peerings', 'list', n, 'redis-peer-123456789012\n');
      gcloud.fail('networks-peerings', 'delete', n, 'ERROR: There is a peering operation in progress on the local or peer network.');
    }
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Memorystore's peering of network hooli-private is still there after 3 tries ( redis-peer-123456789012: ERROR: There is a peering operation in progress");
    expect(r.stderr).toContain('gcloud compute networks peerings delete <name> --network hooli-private --project hooli-sg-replica');
  });

  it('refuses names that are not names, and says what to do without gcloud', () => {
    expect(() =>
      Testing.synthScope((s) => void new MemorystorePeeringCleanup(s, 'p', { project: 'hooli-sg-replica', networkName: 'a b' })),
    ).toThrow('networkName "a b" is not a GCP resource name');
    const gcloud = new FakeGcloud();
    gcloud.uninstall();
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('gcloud is not on the PATH');
  });
});
