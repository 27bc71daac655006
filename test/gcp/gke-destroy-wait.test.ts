import { Testing } from 'cdktf';
import { GkeDestroyWait, GKE_DESTROY_WAIT_SCRIPT, type GkeDestroyWaitProps } from '../../lib/gcp/gke-destroy-wait';
import { isTerraformLiteral } from '../../lib/terraform/terraform-literal';
import { FakeGcloud, runDestroyCommand } from '../support/destroy-command';
import { unresolvedReferences } from '../support/terraform-references';

const base: GkeDestroyWaitProps = {
  project: 'umbrella-sg-sandbox',
  networkName: 'umbrella-gke',
  replicaLabel: 'umbrella-gke',
  securityPolicyName: 'umbrella-gke-sourcegraph-clients',
  staticAddressName: 'umbrella-gke-sourcegraph',
  attempts: 3,
  intervalSeconds: 0,
};

function synth(props: Partial<GkeDestroyWaitProps> = {}): any {
  return JSON.parse(Testing.synthScope((s) => void new GkeDestroyWait(s, 'wait', { ...base, ...props })));
}

describe('GkeDestroyWait', () => {
  it('is a destroy-time command whose values come from its own state, with no provider', () => {
    const json = synth();
    const [data] = Object.values(json.resource.terraform_data) as any[];
    expect(data.input).toEqual({
      SG_PROJECT: 'umbrella-sg-sandbox',
      SG_NETWORK: 'umbrella-gke',
      SG_LABEL: 'umbrella-gke',
      SG_SECURITY_POLICY: 'umbrella-gke-sourcegraph-clients',
      SG_ADDRESS: 'umbrella-gke-sourcegraph',
      SG_ATTEMPTS: '3',
      SG_INTERVAL: '0',
    });
    expect(data.provisioner[0]['local-exec'].command).toBe(GKE_DESTROY_WAIT_SCRIPT);
    expect(isTerraformLiteral(GKE_DESTROY_WAIT_SCRIPT)).toBe(true);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('returns at once when nothing is left, having checked disks, NEGs, firewall rules, backend services and the address', () => {
    const gcloud = new FakeGcloud();
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('deleted (check 1)');
    expect(gcloud.calls()).toEqual([
      'compute disks list --project umbrella-sg-sandbox --filter labels.sg-replica-name=umbrella-gke AND name ~ ^pvc- --format value(name)',
      'compute network-endpoint-groups list --project umbrella-sg-sandbox --filter network ~ /networks/umbrella-gke$ --format value(name)',
      'compute firewall-rules list --project umbrella-sg-sandbox --filter network ~ /networks/umbrella-gke$ AND name ~ ^k8s --format value(name)',
      'compute backend-services list --project umbrella-sg-sandbox --filter securityPolicy ~ /securityPolicies/umbrella-gke-sourcegraph-clients$ --format value(name)',
      'compute addresses describe umbrella-gke-sourcegraph --global --project umbrella-sg-sandbox --format value(users)',
    ]);
  });

  it('waits while disks and load balancer parts remain, and returns once they are gone', () => {
    const gcloud = new FakeGcloud()
      .answer('disks', 'list', 1, 'pvc-1111\npvc-2222\n')
      .answer('network-endpoint-groups', 'list', 1, 'k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c\n')
      .answer('addresses', 'describe', 1, 'https://www.googleapis.com/compute/v1/projects/umbrella-sg-sandbox/global/forwardingRules/k8s2-fr-a;https://www.googleapis.com/compute/v1/projects/umbrella-sg-sandbox/global/forwardingRules/k8s2-fs-b\n')
      .answer('disks', 'list', 2, 'pvc-2222\n');
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('sg-replica: waiting for Kubernetes-made cloud resources to be deleted (check 1 of 3):');
    expect(r.stdout).toContain("persistent disks of the replica's volumes: pvc-1111 pvc-2222");
    expect(r.stdout).toContain('network endpoint groups in network umbrella-gke: k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c');
    expect(r.stdout).toContain('forwarding rules using address umbrella-gke-sourcegraph: https://www.googleapis.com/compute/v1/projects/umbrella-sg-sandbox/global/forwardingRules/k8s2-fr-a https://');
    expect(r.stdout).toContain('(check 2 of 3)');
    expect(r.stdout).toContain('deleted (check 3)');
  });

  it('fails the destroy with what is left once the attempts run out', () => {
    const gcloud = new FakeGcloud();
    for (const n of [1, 2, 3]) gcloud.answer('firewall-rules', 'list', n, 'k8s-fw-l7--0a1b2c3d4e5f6a7b\n');
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sg-replica: still there after 3 checks 0 s apart');
    expect(r.stderr).toContain('firewall rules Kubernetes made in network umbrella-gke: k8s-fw-l7--0a1b2c3d4e5f6a7b');
    expect(r.stderr).toContain('destroy stops here, before the cluster and the network go');
    expect(r.stderr).toContain('sg-replica leftovers <design>');
  });

  it('counts a listing that fails as not done, never as empty', () => {
    const gcloud = new FakeGcloud();
    for (const n of [1, 2, 3]) gcloud.fail('disks', 'list', n, 'ERROR: (gcloud.compute.disks.list) Some requests did not succeed: Required \'compute.disks.list\' permission');
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("persistent disks of the replica's volumes: could not list them (ERROR: (gcloud.compute.disks.list) Some requests did not succeed: Required 'compute.disks.list' permission");
  });

  it('skips the Cloud Armor and address checks when the ingress has neither', () => {
    const gcloud = new FakeGcloud();
    const r = runDestroyCommand(synth({ securityPolicyName: undefined, staticAddressName: undefined }), gcloud);
    expect(r.status).toBe(0);
    expect(gcloud.calls().map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'compute disks list',
      'compute network-endpoint-groups list',
      'compute firewall-rules list',
    ]);
  });

  it('says what to do when gcloud is missing', () => {
    const gcloud = new FakeGcloud();
    gcloud.uninstall();
    const r = runDestroyCommand(synth(), gcloud);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('gcloud is not on the PATH. Install the Google Cloud CLI');
  });

  it('refuses values that are not names (they go into gcloud filters) and odd bounds', () => {
    expect(() => synth({ networkName: 'x$ OR name ~ .' })).toThrow('networkName "x$ OR name ~ ." is not a GCP resource name');
    expect(() => synth({ attempts: 0 })).toThrow('attempts 0 must be a whole number from 1 to 1000');
    expect(() => synth({ intervalSeconds: -1 })).toThrow('intervalSeconds -1');
  });
});
