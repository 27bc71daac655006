/**
 * The cross-field rules only one cloud has, by provider: how pods get
 * addresses (the VPC CNI from the VPC's subnets on AWS, the pod secondary
 * range on GKE), what its machines and Redis need, where an ACM certificate
 * must be. `checkRules` (rules.ts) calls each hook where the rule belongs in
 * its order.
 */
import { sandboxOf, type CloudTable } from '../cloud/clouds';
import { SECRET_MANAGER_SECRET_ID, SECRETS_MANAGER_SECRET_ARN } from '../catalog/secret-references';
import { awsInstanceType } from '../catalog/aws-instance-types';
import { GKE_DEFAULT_MAX_PODS_PER_NODE, gceMachineType, HYPERDISK_ONLY_SERIES } from '../catalog/gce-machine-types';
import { gkeSubnetPlan, maxNodesForPodRange, podRangeNodeDemand } from '../network/gke-subnet-plan';
import { isNetworkAddress, MAX_VPC_PREFIX, MIN_VPC_PREFIX, parseCidr, subnetPlan } from '../network/subnet-plan';
import type { AwsCloud, Design } from './model';
import type { FieldPath } from './problems';

/** What a rule sees and how it reports. */
export interface RuleContext {
  readonly design: Design;
  /** True when no prefix of any of `paths` failed shape validation. */
  ok(...paths: FieldPath[]): boolean;
  error(path: FieldPath, message: string, got?: unknown, allowed?: string): void;
  warn(path: FieldPath, message: string): void;
}

/** One cloud's rules, each called at its place in `checkRules`. */
export interface CloudRules {
  /** After the node pools: whether the network holds the pools' pods, and node rules of the cloud. */
  nodes(rules: RuleContext): void;
  /** With an ACM certificate (`sourcegraph.tls.acmCertificateArn`) given for an ingress that takes one, at `path`. */
  tlsCertificate(rules: RuleContext, arn: string, path: FieldPath): void;
  /** With a certificate secret (`sourcegraph.tls.secret`) given for an ingress that takes one, at `path`. */
  tlsSecret(rules: RuleContext, secret: string, path: FieldPath): void;
  /** With `externalServices.redis` given. */
  redis(rules: RuleContext): void;
  /** How `cdktf deploy` and kubectl reach a private API endpoint, for the warning `endpointAccess: private` gets. */
  privateEndpointAccess(design: Design): string;
}

/** A VPC range the subnet plans accept (the range's own errors are reported elsewhere). */
function usableCidr(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  return !!parsed && isNetworkAddress(parsed) && parsed.prefix >= MIN_VPC_PREFIX && parsed.prefix <= MAX_VPC_PREFIX;
}

const AWS_RULES: CloudRules = {
  nodes({ design, ok, error }) {
    const { network, kubernetes } = design;
    // VPC size for the pods the VPC CNI will place in it: one address per pod, max pods per instance type.
    let addressesNeededPerZone = 0;
    kubernetes.nodePools.forEach((pool, i) => {
      const at = (f: string): FieldPath => ['kubernetes', 'nodePools', i, f];
      const type = ok(at('machineType'), ['cloud', 'provider']) && pool.machineType ? awsInstanceType(pool.machineType) : undefined;
      if (type && ok(at('maxNodes'))) addressesNeededPerZone += Math.ceil(pool.maxNodes / Math.max(1, network.zones)) * (type.maxPods + 1);
    });
    if (!usableCidr(network.cidr) || !ok(['network', 'cidr'], ['network', 'zones'])) return;
    const plan = subnetPlan(network.cidr, network.zones);
    if (addressesNeededPerZone > plan.privateAddressesPerZone) {
      error(
        ['network', 'cidr'],
        `too small: private subnets get ${plan.privateAddressesPerZone} addresses per zone, but the node pools at maxNodes can need ${addressesNeededPerZone} per zone (VPC CNI: one address per pod, max pods per instance type)`,
        network.cidr,
        `a larger range, e.g. /${Math.max(MIN_VPC_PREFIX, 32 - Math.ceil(Math.log2((addressesNeededPerZone + 5) * 8)))}`,
      );
    }
  },
  tlsCertificate({ design, error }, arn, path) {
    const cloud = design.cloud as AwsCloud;
    const [, , , region, account] = arn.split(':');
    if (region !== cloud.region) error(path, `certificate is in ${region}, the replica in ${cloud.region}`, arn);
    else if (account !== cloud.accountId) error(path, `certificate belongs to account ${account}, not ${cloud.accountId}`, arn);
  },
  tlsSecret({ design, error }, secret, path) {
    const cloud = design.cloud as AwsCloud;
    if (!SECRETS_MANAGER_SECRET_ARN.test(secret)) {
      error(path, 'on aws, the ARN of a Secrets Manager secret', secret, 'arn:aws:secretsmanager:<region>:<account>:secret:<name>');
      return;
    }
    const [, , , region, account] = secret.split(':');
    if (region !== cloud.region) error(path, `secret is in ${region}, the replica in ${cloud.region}`, secret);
    else if (account !== cloud.accountId) error(path, `secret belongs to account ${account}, not ${cloud.accountId}`, secret);
  },
  redis({ design, error }) {
    const redis = design.externalServices.redis!;
    if (!redis.nodeType) error(['externalServices', 'redis', 'nodeType'], 'required on aws: the ElastiCache node type', undefined, 'e.g. cache.m6g.large');
    else if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(redis.nodeType)) error(['externalServices', 'redis', 'nodeType'], 'not an ElastiCache node type', redis.nodeType, 'e.g. cache.m6g.large');
    if (redis.memoryGb !== undefined) error(['externalServices', 'redis', 'memoryGb'], 'gcp only; on aws the node type sets the memory', redis.memoryGb);
  },
  privateEndpointAccess: (design) =>
    `the Sourcegraph stack and kubectl reach it through a Systems Manager tunnel host the infra stack adds; deploy the infra stack, then run "npx sg-replica tunnel <design> -- npx cdktf deploy ${design.name}-sourcegraph" (needs the AWS CLI v2, its Session Manager plugin and ssm:StartSession; see README, "Private API endpoint")`,
};

const GCP_RULES: CloudRules = {
  nodes({ design, ok, error, warn }) {
    const { network, kubernetes, storage } = design;
    // GKE cluster, VPC and Compute Engine names (the replica's are derived from its name) end with a letter or digit.
    if (ok(['name']) && design.name.endsWith('-')) error(['name'], 'on gcp a name ends with a letter or digit: GKE and Compute Engine names derived from it must', design.name);
    // GKE: pod addresses come from the pod secondary range, one block per node.
    if (usableCidr(network.cidr) && ok(['network', 'cidr'], ['network', 'zones']) && kubernetes.nodePools.every((_, i) => ok(['kubernetes', 'nodePools', i, 'maxNodes']))) {
      const plan = gkeSubnetPlan(network.cidr);
      const capacity = maxNodesForPodRange(plan.podRange);
      const demand = podRangeNodeDemand(kubernetes.nodePools, network.zones);
      if (demand > capacity) {
        error(
          ['network', 'cidr'],
          `too small: the pod range ${plan.podRange} holds ${capacity} nodes (one /24 each at ${GKE_DEFAULT_MAX_PODS_PER_NODE} pods), but the node pools at maxNodes plus one upgrade surge node per pool and zone need ${demand}`,
          network.cidr,
          `a larger range (a /16 holds 128 nodes)`,
        );
      }
    }
    kubernetes.nodePools.forEach((pool, i) => {
      const at = (f: string): FieldPath => ['kubernetes', 'nodePools', i, f];
      const type = gceMachineType(pool.machineType);
      if (type && HYPERDISK_ONLY_SERIES.includes(type.series) && ok(['storage', 'diskType'])) {
        error(at('machineType'), `${type.series} machines attach only Hyperdisk; the replica's ${storage.diskType} volumes cannot attach to them`, pool.machineType, 'a series with Persistent Disk support (n2, n2d, c3, e2, ...)');
      }
      if (ok(at('maxNodes')) && pool.maxNodes < network.zones) {
        warn(at('maxNodes'), `fewer than one node per zone (${network.zones} zones): some zones of this pool stay empty`);
      }
    });
    if (ok(['network', 'natGateways']) && network.natGateways === 'per-zone') {
      warn(['network', 'natGateways'], 'ignored on gcp: Cloud NAT is regional');
    }
  },
  tlsCertificate() {
    // GCP offers no ACM certificate: the TLS rules report it before asking.
  },
  tlsSecret({ design, error }, secret, path) {
    if (!SECRET_MANAGER_SECRET_ID.test(secret)) {
      error(path, `on gcp, the id of a Secret Manager secret in project ${sandboxOf(design.cloud)}`, secret, "letters, digits, '_' and '-', e.g. sourcegraph-tls");
    }
  },
  redis({ design, error }) {
    const redis = design.externalServices.redis!;
    if (redis.memoryGb === undefined) error(['externalServices', 'redis', 'memoryGb'], 'required on gcp: the Memorystore capacity in GB', undefined, '1 to 300');
    if (redis.nodeType !== undefined) error(['externalServices', 'redis', 'nodeType'], 'aws only; on gcp use memoryGb', redis.nodeType);
  },
  privateEndpointAccess: () =>
    "Terraform and kubectl reach it through the cluster's DNS-based endpoint, where Google IAM (container.clusters.connect) checks every request: your identity needs roles/container.developer or more; kubectl: gcloud container clusters get-credentials <name> --region <region> --project <project> --dns-endpoint",
};

export const CLOUD_RULES: CloudTable<CloudRules> = {
  aws: AWS_RULES,
  gcp: GCP_RULES,
};
