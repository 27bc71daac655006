import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { replicaMetadata } from '../../lib/replica/metadata';
import { addGcpReplica } from '../../stacks/gcp-replica';
import { gcpDesign } from '../support/design-fixture';
import { unresolvedReferences } from '../support/terraform-references';

describe('addGcpReplica', () => {
  const design = gcpDesign();
  const app = Testing.app();
  const { infra, sourcegraph } = addGcpReplica(app, design, replicaMetadata(design, new Date('2026-01-01T00:00:00Z')), {
    offline: false,
    state: (stack) => ({ kind: 'local', path: `../../../terraform.acme-prod-${stack}.tfstate` }),
  });
  app.synth();
  const read = (id: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  const infraJson = read(infra.node.id);
  const sgJson = read(sourcegraph.node.id);

  it('adds <name>-infra and <name>-sourcegraph, the second depending on the first', () => {
    expect(infra.node.id).toBe('acme-prod-infra');
    expect(sourcegraph.node.id).toBe('acme-prod-sourcegraph');
    expect(sourcegraph.dependencies).toContain(infra);
  });

  it('points the Kubernetes and Helm providers at the cluster with the access token of the deployer', () => {
    const [kubernetes] = sgJson.provider.kubernetes;
    expect(kubernetes.host).toMatch(/^https:\/\/\$\{data\.terraform_remote_state\.cross-stack-reference-input-acme-prod-infra\.outputs\..*endpoint\}$/);
    expect(kubernetes.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\..*cluster_ca_certificate\)\}$/);
    expect(kubernetes.token).toMatch(/^\$\{data\.google_client_config\..*\.access_token\}$/);
    expect(kubernetes.exec).toBeUndefined();
    expect(sgJson.provider.helm[0].kubernetes.token).toBe(kubernetes.token);
    expect(sgJson.provider.google).toEqual([{ project: 'acme-sandbox', region: 'us-central1' }]);
  });

  it('exports the endpoint and CA from the infra stack', () => {
    const values = Object.values(infraJson.output).map((o: any) => o.value);
    expect(values).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\$\{google_container_cluster\..*\.endpoint\}$/),
      expect.stringMatching(/^\$\{google_container_cluster\..*\.master_auth\[0\]\.cluster_ca_certificate\}$/),
    ]));
  });

  it('leaves no reference unresolved in either stack', () => {
    expect(unresolvedReferences(infraJson)).toEqual([]);
    expect(unresolvedReferences(sgJson)).toEqual([]);
  });

  it('uses the GCE ingress and the PD CSI StorageClass in the Sourcegraph stack', () => {
    const sc = Object.values(sgJson.resource.kubernetes_storage_class_v1 ?? sgJson.resource.kubernetes_storage_class ?? {})[0] as any;
    expect(sc.storage_provisioner).toBe('pd.csi.storage.gke.io');
    expect(sc.parameters.type).toBe('pd-ssd');
  });
});
