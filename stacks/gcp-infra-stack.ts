import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { restrictsClients } from '../lib/catalog/gce-load-balancing';
import { INGRESS_KINDS } from '../lib/cloud/ingress-kinds';
import type { EndpointAccess, GcpDesign, IngressKind } from '../lib/design/model';
import { gcpLabels } from '../lib/replica/gcp-labels';
import { gceIngressNames } from '../lib/replica/gce-ingress-names';
import { CloudArmorAllowList } from '../lib/gcp/cloud-armor-allow-list';
import { ControlPlaneFirewall } from '../lib/gcp/control-plane-firewall';
import { GceIngressFrontend, GceIngressTls } from '../lib/gcp/gce-ingress-frontend';
import { GkeCluster } from '../lib/gcp/gke-cluster';
import { GkeNetwork } from '../lib/gcp/gke-network';
import { GkeNodePool } from '../lib/gcp/gke-node-pool';
import { NodeServiceAccount } from '../lib/gcp/node-service-account';
import { ProjectServices } from '../lib/gcp/project-services';
import { ReplicaGoogleProvider } from '../lib/gcp/replica-google-provider';
import { requiredGcpApis } from '../lib/gcp/required-apis';
import { INGRESS_NGINX_WEBHOOK_PORT } from '../lib/sourcegraph/ingress-nginx-values';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { StackStateBackend } from '../lib/replica/state-backend';
import { GcpExternalServices } from './gcp-external-services';
import { useStateBackend } from './stack-backend';

/**
 * Admission webhook ports an ingress kind's controller serves on the nodes.
 * The VPC-peering control plane (`master_ipv4_cidr_block`) reaches nodes on
 * 443 and 10250 only (GKE's own firewall rule), so each needs a rule: the
 * ingress-nginx webhook is `failurePolicy: Fail`, and unreachable it blocks
 * every Ingress (kubernetes/ingress-nginx#5401). gce runs no webhook on the nodes.
 */
const CONTROL_PLANE_WEBHOOK_PORTS: Readonly<Record<IngressKind, readonly number[]>> = {
  alb: [],
  nginx: [INGRESS_NGINX_WEBHOOK_PORT],
  gce: [],
  none: [],
};

/** How kubectl gets credentials for each endpoint mode: a private cluster through its DNS-based endpoint. */
const KUBECONFIG_ENDPOINT_FLAG: Readonly<Record<EndpointAccess, string>> = { public: '', private: ' --dns-endpoint' };

/** The GCE frontend's certificate, from the design's `sourcegraph.tls` (gce takes only these sources; the rules refuse others). */
function gceIngressTls(design: GcpDesign): GceIngressTls {
  const tls = design.sourcegraph.tls;
  switch (tls.certificate) {
    case 'google-managed':
      return { certificate: 'google-managed' };
    case 'gcp-ssl-certificates':
      return { certificate: 'pre-shared', certificateNames: tls.names };
    default:
      return { certificate: 'none' };
  }
}

/** Properties of {@link GcpInfraStack}. */
export interface GcpInfraStackProps {
  readonly design: GcpDesign;
  readonly metadata: ReplicaMetadata;
  /** Where the stack's state lives. @default local: `terraform.<stack>.tfstate` in the project directory */
  readonly stateBackend?: StackStateBackend;
}

/**
 * `<name>-infra`: the GCP side of a replica. VPC with a VPC-native node
 * subnet, Cloud Router and NAT, the nodes' least-privilege service account,
 * a private regional GKE Standard cluster (Workload Identity, PD CSI driver,
 * HTTP load balancing; with a private endpoint, the IAM-gated DNS endpoint
 * the Sourcegraph stack and kubectl use) and one node pool per design pool.
 * Before all of it, the project APIs the replica needs (never disabled on
 * destroy). With ingress-nginx, a firewall rule that lets the control plane
 * reach its admission webhook; with the gce ingress, the reserved address,
 * certificate, SSL policy and Cloud Armor policy its Ingress names. Every
 * resource that takes labels carries the replica's labels.
 */
export class GcpInfraStack extends TerraformStack {
  public readonly network: GkeNetwork;
  public readonly nodeServiceAccount: NodeServiceAccount;
  public readonly cluster: GkeCluster;
  public readonly nodePools: readonly GkeNodePool[];
  /** Cloud SQL, Memorystore and GCS for the design's `externalServices` (empty when it has none). */
  public readonly externalServices: GcpExternalServices;
  /** The replica's GCP labels. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The project APIs, enabled before everything else. */
  public readonly apis: ProjectServices;
  /** The rule that lets the control plane reach admission webhooks on the nodes (ingress-nginx). */
  public readonly controlPlaneFirewall?: ControlPlaneFirewall;
  /** Address, certificate and SSL policy of the gce ingress. */
  public readonly ingressFrontend?: GceIngressFrontend;
  /** The Cloud Armor policy of the gce ingress, when it restricts clients. */
  public readonly clientAllowList?: CloudArmorAllowList;

  constructor(scope: Construct, id: string, props: GcpInfraStackProps) {
    super(scope, id);
    const { design, metadata } = props;
    const { project, region } = design.cloud;
    const sg = design.sourcegraph;
    const labels = gcpLabels(metadata);
    this.labels = labels;
    useStateBackend(this, props.stateBackend);
    new ReplicaGoogleProvider(this, 'google', { project, region, labels });
    const ext = design.externalServices;
    this.apis = new ProjectServices(this, 'apis', {
      project,
      apis: requiredGcpApis({ postgres: !!ext.postgres, redis: !!ext.redis, objectStorage: !!ext.objectStorage }),
    });
    this.apis.before(this);

    this.network = new GkeNetwork(this, 'network', { name: design.name, region, cidr: design.network.cidr });

    this.nodeServiceAccount = new NodeServiceAccount(this, 'node-service-account', {
      project,
      accountId: `${design.name}-nodes`,
    });

    this.cluster = new GkeCluster(this, 'cluster', {
      name: design.name,
      project,
      region,
      zones: design.network.availabilityZones,
      version: design.kubernetes.version,
      networkSelfLink: this.network.networkSelfLink,
      subnetworkSelfLink: this.network.subnetworkSelfLink,
      podRangeName: this.network.podRangeName,
      serviceRangeName: this.network.serviceRangeName,
      controlPlaneCidr: this.network.plan.controlPlaneRange,
      endpointAccess: design.network.endpointAccess,
      allowedCidrs: design.network.allowedCidrs,
      nodeServiceAccountEmail: this.nodeServiceAccount.email,
      labels,
      // Nodes, the default pool's included, need their roles and a way out (NAT) from the start.
      dependsOn: [...this.nodeServiceAccount.grants, this.network.nat],
    });

    this.nodePools = design.kubernetes.nodePools.map(
      (pool) =>
        new GkeNodePool(this, `pool-${pool.name}`, {
          clusterId: this.cluster.clusterId,
          location: region,
          zoneCount: design.network.availabilityZones.length,
          pool,
          serviceAccountEmail: this.nodeServiceAccount.email,
          labels,
          dependsOn: [...this.nodeServiceAccount.grants],
        }),
    );

    this.externalServices = new GcpExternalServices(this, 'external-services', {
      design,
      networkName: this.network.network.name,
      network: this.network.network,
      networkSelfLink: this.network.networkSelfLink,
      subnetworkSelfLink: this.network.subnetworkSelfLink,
      workloadPool: this.cluster.workloadPool,
      cluster: this.cluster.resource,
      labels,
    });

    const webhookPorts = CONTROL_PLANE_WEBHOOK_PORTS[sg.ingress];
    if (webhookPorts.length > 0) {
      this.controlPlaneFirewall = new ControlPlaneFirewall(this, 'control-plane-webhooks', {
        name: `${design.name}-control-plane-webhooks`,
        networkSelfLink: this.network.networkSelfLink,
        controlPlaneCidr: this.network.plan.controlPlaneRange,
        ports: webhookPorts,
        targetServiceAccounts: [this.nodeServiceAccount.email],
      });
    }

    // The gce ingress's Google Cloud side, under the names its Helm values use (gceIngressNames).
    if (INGRESS_KINDS[sg.ingress].restrictsClientsWith === 'cloud-armor') {
      const names = gceIngressNames(design.name);
      this.ingressFrontend = new GceIngressFrontend(this, 'ingress-frontend', { name: names.address, hostname: sg.hostname, tls: gceIngressTls(design), project });
      if (restrictsClients(sg.allowedClientCidrs)) {
        this.clientAllowList = new CloudArmorAllowList(this, 'client-allow-list', { name: names.securityPolicy, allowedCidrs: sg.allowedClientCidrs, project });
      }
      new TerraformOutput(this, 'ingress-address', {
        value: this.ingressFrontend.ipAddress,
        description: `Point DNS for ${sg.hostname} at this address (A record); a Google-managed certificate is provisioned once it resolves`,
      });
    }

    new TerraformOutput(this, 'cluster-name', { value: this.cluster.clusterName, description: 'GKE cluster name' });
    new TerraformOutput(this, 'kubeconfig-command', {
      value: `gcloud container clusters get-credentials ${design.name} --region ${region} --project ${project}${KUBECONFIG_ENDPOINT_FLAG[design.network.endpointAccess]}`,
      description: 'Configures kubectl for the replica cluster',
    });
    new TerraformOutput(this, 'network-name', { value: this.network.network.name });
    new TerraformOutput(this, 'workload-identity-pool', { value: this.cluster.workloadPool });
    new TerraformOutput(this, 'expires-at', { value: metadata.expiresAt, description: 'When this replica should be destroyed' });
  }
}
