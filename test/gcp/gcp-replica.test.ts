import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { checkDesignObject } from '../../lib/checks/check-design';
import type { GcpDesign } from '../../lib/design/model';
import { cloudArmorAllowListRules } from '../../lib/gcp/cloud-armor-allow-list';
import { replicaMetadata } from '../../lib/replica/metadata';
import { valuesFromTerraformDocuments } from '../../lib/sourcegraph/values-documents';
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

  it('waits last on destroy for the disks and load balancer parts GKE made (gcloud, bounded)', () => {
    const [[waitId, wait]] = Object.entries<any>(sgJson.resource.terraform_data);
    expect(wait.input).toMatchObject({ SG_PROJECT: 'acme-sandbox', SG_NETWORK: 'acme-prod', SG_LABEL: 'acme-prod', SG_ADDRESS: 'acme-prod-sourcegraph', SG_SECURITY_POLICY: '', SG_ATTEMPTS: '60', SG_INTERVAL: '15' });
    expect(wait.provisioner[0]['local-exec'].when).toBe('destroy');
    for (const [type, resources] of Object.entries<any>(sgJson.resource)) {
      for (const [id, r] of Object.entries<any>(resources)) if (id !== waitId) expect({ id: `${type}.${id}`, deps: r.depends_on }).toEqual({ id: `${type}.${id}`, deps: expect.arrayContaining([`terraform_data.${waitId}`]) });
    }
  });
});

/** Both stacks of a GCP replica, synthesized. */
function synthGcp(design: GcpDesign): { infra: any; sourcegraph: any } {
  const app = Testing.app();
  const stacks = addGcpReplica(app, design, replicaMetadata(design, new Date('2026-01-01T00:00:00Z')), {
    offline: false,
    state: (stack) => ({ kind: 'local', path: `../../../terraform.${design.name}-${stack}.tfstate` }),
  });
  app.synth();
  const read = (id: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  return { infra: read(stacks.infra.node.id), sourcegraph: read(stacks.sourcegraph.node.id) };
}

describe('addGcpReplica with ingress-nginx and a certificate in Secret Manager', () => {
  const { sourcegraph } = synthGcp(gcpDesign({ sourcegraph: { ingress: 'nginx', allowedClientCidrs: ['203.0.113.0/24'], tls: { certificate: 'secret', secret: 'sourcegraph-tls' } } }));

  it('reads the latest version with the stack\'s Google provider and makes the TLS Secret the Ingress names', () => {
    const [[readId, read]] = Object.entries<any>(sourcegraph.data.google_secret_manager_secret_version);
    expect(read).toMatchObject({ project: 'acme-sandbox', secret: 'sourcegraph-tls' });
    expect(read).not.toHaveProperty('version');
    expect(read).not.toHaveProperty('provider');
    const tls = Object.values<any>(sourcegraph.resource.kubernetes_secret_v1).find((x) => x.type === 'kubernetes.io/tls');
    expect(tls.data['tls.crt']).toContain(`data.google_secret_manager_secret_version.${readId}.secret_data`);
    expect(tls.lifecycle.precondition[0].error_message).toMatch(/^Secret Manager secret sourcegraph-tls of project acme-sandbox must hold/);
    const release = Object.values<any>(sourcegraph.resource.helm_release).find((r) => r.chart === 'sourcegraph');
    expect((valuesFromTerraformDocuments(release.values) as any).frontend.ingress.tlsSecret).toBe('sourcegraph-frontend-tls');
  });
});

describe('addGcpReplica with a private control plane', () => {
  const { infra, sourcegraph } = synthGcp(gcpDesign({ network: { endpointAccess: 'private', allowedCidrs: [] } }));

  it('reaches it through the DNS-based endpoint: its host from the infra stack, the system trust store (no cluster CA), the access token', () => {
    const [kubernetes] = sourcegraph.provider.kubernetes;
    expect(kubernetes.host).toMatch(/^https:\/\/\$\{data\.terraform_remote_state\.cross-stack-reference-input-acme-prod-infra\.outputs\.[^}]*dns_endpoint_config0endpoint\}$/);
    expect(kubernetes).not.toHaveProperty('cluster_ca_certificate');
    expect(sourcegraph.provider.helm[0].kubernetes).not.toHaveProperty('cluster_ca_certificate');
    expect(sourcegraph.provider.helm[0].kubernetes.host).toBe(kubernetes.host);
    expect(kubernetes.token).toMatch(/^\$\{data\.google_client_config\..*\.access_token\}$/);
    const cluster = Object.values<any>(infra.resource.google_container_cluster)[0];
    expect(cluster.control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: true } });
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(true);
    expect(Object.values<any>(infra.output).map((o) => o.value)).toContainEqual(expect.stringMatching(/control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint/));
  });
});

describe('a GKE design with the gce ingress and an allow-list (issue 11, "done when")', () => {
  // Never an example: written here as a user would, clients from network.allowedCidrs (no allowedClientCidrs).
  const allowed = ['203.0.113.0/24', '198.51.100.0/24'];
  const check = checkDesignObject({
    name: 'wayne-gke',
    customer: 'Wayne Enterprises',
    owner: 'lucius.fox@example.com',
    cloud: { provider: 'gcp', region: 'us-east1', project: 'wayne-sg-sandbox' },
    network: { cidr: '10.70.0.0/16', allowedCidrs: allowed },
    kubernetes: { version: '1.34', nodePools: [{ name: 'general', machineType: 'n2-standard-16', minNodes: 3, maxNodes: 6 }] },
    sourcegraph: { version: '7.6.0', size: 'S', hostname: 'sourcegraph.wayne.example.com', ingress: 'gce' },
  });

  it('validates', () => {
    expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(check.design).toBeDefined();
  });

  const { infra, sourcegraph } = synthGcp(check.design as GcpDesign);

  it('synthesizes one Cloud Armor policy admitting exactly those CIDRs and denying everyone else', () => {
    const policies = Object.values<any>(infra.resource.google_compute_security_policy);
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy).toMatchObject({ name: 'wayne-gke-sourcegraph-clients', type: 'CLOUD_ARMOR' });
    const rules = policy.rule.map((r: any) => ({ priority: r.priority, action: r.action, srcIpRanges: r.match.config.src_ip_ranges }));
    expect(rules).toEqual(cloudArmorAllowListRules(allowed).map((r) => ({ priority: r.priority, action: r.action, srcIpRanges: r.srcIpRanges })));
    const admitted = rules.filter((r: any) => r.action === 'allow').flatMap((r: any) => r.srcIpRanges);
    expect(admitted.sort()).toEqual([...allowed].sort());
    expect(rules.find((r: any) => r.srcIpRanges.includes('*'))).toEqual({ priority: 2147483647, action: 'deny(403)', srcIpRanges: ['*'] });
  });

  it('attaches it to the frontend through the BackendConfig, serves HTTPS on the reserved address, and the destroy wait watches both', () => {
    const release = Object.values<any>(sourcegraph.resource.helm_release).find((r) => r.chart === 'sourcegraph');
    const values = valuesFromTerraformDocuments(release.values) as any;
    const backendConfig = values.extraResources.find((r: any) => r.kind === 'BackendConfig');
    expect(backendConfig.spec.securityPolicy).toEqual({ name: Object.values<any>(infra.resource.google_compute_security_policy)[0].name });
    expect(values.frontend.ingress.annotations).toMatchObject({
      'kubernetes.io/ingress.global-static-ip-name': Object.values<any>(infra.resource.google_compute_global_address)[0].name,
      'ingress.gcp.kubernetes.io/pre-shared-cert': Object.values<any>(infra.resource.google_compute_managed_ssl_certificate)[0].name,
    });
    const [wait] = Object.values<any>(sourcegraph.resource.terraform_data);
    expect(wait.input).toMatchObject({ SG_SECURITY_POLICY: 'wayne-gke-sourcegraph-clients', SG_ADDRESS: 'wayne-gke-sourcegraph' });
  });
});
