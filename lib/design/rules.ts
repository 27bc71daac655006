/**
 * Cross-field rules: what the schema alone cannot say (a gcp disk type on
 * aws, minNodes > maxNodes, an unknown machine type, a VPC too small for
 * its pods...). Each rule reads the typed design and skips fields that
 * already failed shape validation.
 */
import { principalKey } from '../catalog/aws-arns';
import { isLabelKey, isLabelValue } from '../catalog/kubernetes-names';
import { kubernetesVersionSupport } from '../catalog/kubernetes-versions';
import { closestMatches } from '../catalog/suggest';
import { CLOUD_PROVIDERS, CLOUDS, isCloudProvider, sandboxOf } from '../cloud/clouds';
import { MAX_CLOUD_ARMOR_ALLOWED_CIDRS, restrictsClients } from '../catalog/gce-load-balancing';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import { isNetworkAddress, isPrivateRange, MAX_VPC_PREFIX, MIN_VPC_PREFIX, parseCidr } from '../network/subnet-plan';
import { CLOUD_RULES, RuleContext } from './cloud-rules';
import { checkMethodVersion } from './method-rules';
import { checkFrontendTls } from './frontend-tls';
import type { Design } from './model';
import { FieldPath, formatValue } from './problems';
import { AllowListAudience, checkAllowList } from './allow-list';
import { checkDeployRules } from './deploy-rules';
import { PathProblem, pathKey } from './validate-shape';

/** Longest lifetime a replica may have. */
export const MAX_EXPIRY_HOURS = 30 * 24;

const API_AUDIENCE: AllowListAudience = {
  what: 'the Kubernetes API',
  openness: 'error',
  risk: 'the cluster would be one stolen credential away from anyone',
  instead: 'a narrower range: your office or VPN egress, or endpointAccess: private',
};
const CLIENT_AUDIENCE: AllowListAudience = {
  what: 'the frontend',
  openness: 'warning',
  risk: 'a new Sourcegraph lets its first visitor create the admin account',
  instead: 'your office or VPN egress',
};

/**
 * The checks a design may waive. The rules do not know them: the check
 * pipeline, which runs the checks, says (capacity-fit and the policy rules).
 */
export interface WaivableChecks {
  /** Check ids a waiver may name. */
  readonly ids: readonly string[];
  /** Check ids that can never be waived, with why. */
  readonly never: Readonly<Record<string, string>>;
}

/** Rules that need the raw document: the other cloud's identifier is an error, not silently dropped. */
export function checkCloudIdentifiers(raw: Readonly<Record<string, unknown>>): PathProblem[] {
  const cloud = raw.cloud as Record<string, unknown> | undefined;
  if (!cloud || typeof cloud !== 'object' || !isCloudProvider(cloud.provider)) return [];
  const own = CLOUDS[cloud.provider].sandbox.field;
  return CLOUD_PROVIDERS.filter((other) => CLOUDS[other].sandbox.field !== own && cloud[CLOUDS[other].sandbox.field] !== undefined).map((other) => ({
    severity: 'error',
    path: ['cloud', CLOUDS[other].sandbox.field],
    atKey: true,
    message: `${other} only; ${cloud.provider} designs name the sandbox with ${own}`,
  }));
}

/**
 * The cross-field rules of a built design; `invalid` holds the paths shape
 * validation refused (their rules are skipped). `raw`, the document the
 * design was built from, lets a rule point at the field a value came from.
 */
export function checkRules(design: Design, invalid: ReadonlySet<string>, waivable: WaivableChecks, raw: Readonly<Record<string, unknown>> = {}): PathProblem[] {
  const problems: PathProblem[] = [];
  const ok = (...paths: FieldPath[]) =>
    paths.every((p) => {
      for (let i = 1; i <= p.length; i++) if (invalid.has(pathKey(p.slice(0, i)))) return false;
      return true;
    });
  const error = (path: FieldPath, message: string, got?: unknown, allowed?: string) =>
    problems.push({ severity: 'error', path, message, ...(got !== undefined && { got: formatValue(got) }), ...(allowed && { allowed }) });
  const warn = (path: FieldPath, message: string) => problems.push({ severity: 'warning', path, message });
  const suggest = (value: string, candidates: readonly string[]) => {
    const near = closestMatches(value, candidates, 3);
    return near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : undefined;
  };

  const { cloud, network, kubernetes, storage, sourcegraph, externalServices } = design;
  const facts = CLOUDS[cloud.provider];
  const cloudRules = CLOUD_RULES[cloud.provider];
  const context: RuleContext = { design, ok, error, warn };

  // expiry
  if (ok(['expiresAfter']) && design.expiresAfterHours > MAX_EXPIRY_HOURS) {
    error(['expiresAfter'], 'a replica may live at most 30 days', design.expiresAfter, '1h to 30d (720h)');
  }

  // cloud account / project
  const sandbox = facts.sandbox.field;
  if (ok(['cloud', 'provider']) && ok(['cloud', sandbox]) && !sandboxOf(cloud)) {
    error(['cloud', sandbox], `required for ${cloud.provider}: the sandbox ${facts.sandbox.noun} the replica may be deployed into`);
  }

  // region and zones
  const zonesOfRegion = facts.regions.zones(cloud.region);
  if (ok(['cloud', 'region']) && ok(['cloud', 'provider']) && !zonesOfRegion) {
    const names = facts.regions.names();
    error(['cloud', 'region'], ['unknown or unsupported region', suggest(cloud.region, names)].filter(Boolean).join(', '), cloud.region, names.join(', '));
  }
  if (zonesOfRegion && ok(['network', 'availabilityZones'], ['network', 'zones'])) {
    network.availabilityZones.forEach((z, i) => {
      if (!zonesOfRegion.includes(z)) {
        error(['network', 'availabilityZones', i], `not a zone of ${cloud.region}`, z, zonesOfRegion.join(', '));
      }
    });
    if (network.availabilityZones.length !== network.zones) {
      error(
        ['network', 'zones'],
        network.availabilityZones.length < network.zones
          ? `${cloud.region} has only ${zonesOfRegion.length} zones in the catalog`
          : `does not match the ${network.availabilityZones.length} availabilityZones named`,
        network.zones,
      );
    }
    if (new Set(network.availabilityZones).size !== network.availabilityZones.length) {
      error(['network', 'availabilityZones'], 'zones must be distinct');
    }
  }

  // VPC range
  const cidr = parseCidr(network.cidr);
  if (ok(['network', 'cidr'])) {
    if (!cidr) error(['network', 'cidr'], 'not an IPv4 CIDR', network.cidr, 'e.g. 10.0.0.0/16');
    else if (!isNetworkAddress(cidr)) error(['network', 'cidr'], 'has host bits set after the prefix', network.cidr);
    else if (!isPrivateRange(cidr)) error(['network', 'cidr'], 'must be a private range', network.cidr, '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16');
    else if (cidr.prefix < MIN_VPC_PREFIX || cidr.prefix > MAX_VPC_PREFIX) {
      error(['network', 'cidr'], `prefix must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX} (public subnets need at least a /27)`, network.cidr);
    }
  }

  // API endpoint
  if (ok(['network', 'endpointAccess'], ['network', 'allowedCidrs'])) {
    problems.push(...checkAllowList(network.allowedCidrs, ['network', 'allowedCidrs'], API_AUDIENCE));
    if (network.endpointAccess === 'public' && network.allowedCidrs.length === 0) {
      error(['network', 'allowedCidrs'], 'a public Kubernetes API needs an allow-list of who may reach it', undefined, 'one or more CIDRs, or endpointAccess: private');
    }
    if (network.endpointAccess === 'private') {
      if (network.allowedCidrs.length) warn(['network', 'allowedCidrs'], 'ignored: the API endpoint is private');
      warn(['network', 'endpointAccess'], `private API endpoint: ${cloudRules.privateEndpointAccess(design)}`);
    }
  }

  // Kubernetes version
  if (ok(['kubernetes', 'version'], ['cloud', 'provider']) && kubernetes.version) {
    const support = kubernetesVersionSupport(cloud.provider, kubernetes.version);
    if (!support.supported) {
      error(['kubernetes', 'version'], support.reason ?? `not supported on ${facts.kubernetesService}`, kubernetes.version, support.allowed.join(', '));
    }
  }

  // cluster admins: one EKS access entry per principal ("An IAM principal can't be included in more than one access entry")
  const admins = new Map<string, number>();
  kubernetes.admins.forEach((arn, i) => {
    if (!ok(['kubernetes', 'admins', i])) return;
    const key = principalKey(arn);
    const first = admins.get(key);
    if (first !== undefined) {
      error(['kubernetes', 'admins', i], `"${kubernetes.admins[first]}" and "${arn}" are the same principal (IAM names are unique whatever the path, and EKS takes one access entry per principal); list it once`, arn);
    } else admins.set(key, i);
  });

  // node pools
  const seen = new Map<string, number>();
  kubernetes.nodePools.forEach((pool, i) => {
    const at = (f: string): FieldPath => ['kubernetes', 'nodePools', i, f];
    if (ok(at('name'))) {
      if (seen.has(pool.name)) error(at('name'), `duplicate pool name (also nodePools[${seen.get(pool.name)}])`, pool.name);
      seen.set(pool.name, i);
    }
    if (ok(at('minNodes'), at('maxNodes')) && pool.minNodes > pool.maxNodes) {
      error(at('minNodes'), `minNodes (${pool.minNodes}) is greater than maxNodes (${pool.maxNodes})`, pool.minNodes, `0 to ${pool.maxNodes}`);
    }
    if (ok(at('machineType'), ['cloud', 'provider']) && pool.machineType && !facts.machines.lookup(pool.machineType)) {
      const names = facts.machines.names();
      error(at('machineType'), [`unknown ${facts.machines.kind}`, suggest(pool.machineType, names)].filter(Boolean).join(', '), pool.machineType, facts.machines.allowed);
    }
    Object.entries(pool.labels).forEach(([k, v]) => {
      if (!isLabelKey(k)) error([...at('labels'), k], 'not a valid Kubernetes label key', k);
      else if (!isLabelValue(v)) error([...at('labels'), k], 'not a valid Kubernetes label value', v, "at most 63 chars: letters, digits, '-', '_', '.'");
    });
    const taintKeys = new Set<string>();
    pool.taints.forEach((t, j) => {
      const tp: FieldPath = [...at('taints'), j];
      if (ok([...tp, 'key']) && !isLabelKey(t.key)) error([...tp, 'key'], 'not a valid Kubernetes taint key', t.key);
      if (ok([...tp, 'value']) && !isLabelValue(t.value)) error([...tp, 'value'], 'not a valid Kubernetes taint value', t.value);
      const id = `${t.key}:${t.effect}`;
      if (taintKeys.has(id)) error(tp, `duplicate taint ${t.key} with effect ${t.effect}`);
      taintKeys.add(id);
    });
  });

  // cluster add-ons (coredns, the CSI and load balancer controllers) need a node that takes any pod
  const pools = kubernetes.nodePools;
  if (pools.length && pools.every((_, i) => ok(['kubernetes', 'nodePools', i]))) {
    const general = pools.some((p) => p.minNodes >= 1 && !p.taints.some((t) => t.effect !== 'PreferNoSchedule'));
    if (!general) {
      warn(
        ['kubernetes', 'nodePools'],
        'every pool is tainted (NoSchedule/NoExecute) or starts empty: coredns, the storage and load balancer controllers and any pod without a matching toleration stay Pending; add an untainted pool with minNodes >= 1 unless production really works this way',
      );
    }
  }

  // how the cloud gives pods addresses, and its node rules
  cloudRules.nodes(context);

  // storage
  if (ok(['storage', 'diskType'], ['cloud', 'provider'])) {
    if (!facts.diskTypes.includes(storage.diskType)) {
      error(['storage', 'diskType'], `not a disk type on ${cloud.provider}`, storage.diskType, facts.diskTypes.join(' | '));
    }
  }
  if (ok(['storage', 'encrypted']) && !storage.encrypted) {
    warn(['storage', 'encrypted'], 'persistent volumes will not be encrypted at rest');
  }

  // sourcegraph
  // the version against the method's (chart versions for helm, deploy-sourcegraph-k8s releases for kustomize)
  problems.push(...checkMethodVersion(design, ok));
  if (ok(['sourcegraph', 'ingress'], ['cloud', 'provider'])) {
    if (!facts.ingressKinds.includes(sourcegraph.ingress)) {
      error(['sourcegraph', 'ingress'], `not available on ${cloud.provider}`, sourcegraph.ingress, facts.ingressKinds.join(' | '));
    }
  }
  // Client CIDRs: checked whenever given (also with ingress none); a default copied from network.allowedCidrs
  // was checked there.
  const clientsGiven = sourcegraph.allowedClientCidrs.join(',') !== network.allowedCidrs.join(',');
  if (ok(['sourcegraph', 'allowedClientCidrs'], ['network', 'allowedCidrs'], ['sourcegraph', 'ingress']) && clientsGiven) {
    problems.push(...checkAllowList(sourcegraph.allowedClientCidrs, ['sourcegraph', 'allowedClientCidrs'], CLIENT_AUDIENCE));
  }
  const ingress = INGRESS_KINDS[sourcegraph.ingress];
  if (ok(['sourcegraph', 'allowedClientCidrs'], ['network', 'allowedCidrs'], ['sourcegraph', 'ingress']) && ingress.loadBalancer) {
    if (sourcegraph.allowedClientCidrs.length === 0) {
      error(
        ['sourcegraph', 'allowedClientCidrs'],
        `the ${sourcegraph.ingress} load balancer would accept anyone, and a new Sourcegraph lets its first visitor create the admin account`,
        undefined,
        'client CIDRs here or in network.allowedCidrs, or ingress: none',
      );
    }
    // Cloud Armor (gce) takes 10 ranges per rule; sg-replica puts at most 20 rules in the policy.
    const unique = new Set(sourcegraph.allowedClientCidrs);
    if (ingress.restrictsClientsWith === 'cloud-armor' && restrictsClients(sourcegraph.allowedClientCidrs) && unique.size > MAX_CLOUD_ARMOR_ALLOWED_CIDRS) {
      error(
        ['sourcegraph', 'allowedClientCidrs'],
        `${unique.size} client ranges; the ${sourcegraph.ingress} ingress admits at most ${MAX_CLOUD_ARMOR_ALLOWED_CIDRS} (a Cloud Armor policy of 20 rules of 10 ranges)`,
        undefined,
        'merge ranges into broader ones',
      );
    }
  }
  checkFrontendTls(context, (raw.sourcegraph as Readonly<Record<string, unknown>> | undefined) ?? {});

  // external services
  const pg = externalServices.postgres;
  if (pg && ok(['externalServices', 'postgres', 'instanceClass']) && pg.instanceClass) {
    if (!facts.postgres.classPattern.test(pg.instanceClass)) {
      error(['externalServices', 'postgres', 'instanceClass'], `not ${facts.postgres.classWhat}`, pg.instanceClass, facts.postgres.classAllowed);
    }
  }
  const redis = externalServices.redis;
  if (redis && ok(['externalServices', 'redis'])) cloudRules.redis(context);

  // waivers: known rule ids, one waiver per rule, never the tag rule (expiry and clean-up depend on the tags)
  const waived = new Map<string, number>();
  design.waivers.forEach((w, i) => {
    if (!ok(['waivers', i])) return;
    if (Object.prototype.hasOwnProperty.call(waivable.never, w.rule)) {
      error(['waivers', i, 'rule'], `cannot be waived: ${waivable.never[w.rule]}`, w.rule, waivable.ids.join(', '));
    } else if (!waivable.ids.includes(w.rule)) {
      error(['waivers', i, 'rule'], ['unknown rule', suggest(w.rule, waivable.ids)].filter(Boolean).join(', '), w.rule, waivable.ids.join(', '));
    }
    if (waived.has(w.rule)) error(['waivers', i, 'rule'], `waived twice (also waivers[${waived.get(w.rule)}])`, w.rule);
    waived.set(w.rule, i);
  });

  // state backend
  const state = design.state;
  if (ok(['state'])) {
    if (state.backend !== 'local' && !state.bucket) error(['state', 'bucket'], `required for the ${state.backend} backend`);
    if (state.backend !== 's3') {
      for (const f of ['region', 'lock', 'dynamodbTable'] as const) {
        if (state[f] !== undefined && !(f === 'lock' && state.backend === 'local')) error(['state', f], `s3 only; the ${state.backend} backend does not use it`, state[f]);
      }
    } else if (state.lock === 'dynamodb' && !state.dynamodbTable) {
      error(['state', 'dynamodbTable'], 'required with lock: dynamodb', undefined, 'the name of a DynamoDB table with a LockID string hash key');
    }
    if (state.backend === 'local' && (state.bucket || state.prefix)) warn(['state', 'backend'], 'local state ignores bucket and prefix');
  }

  // what the clouds, Kubernetes and the backends refuse beyond the schema
  checkDeployRules(context);

  return problems;
}
