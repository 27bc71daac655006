/**
 * Exposure decisions: the ingress (or its absence) with an address, who may
 * connect (as each ingress kind enforces it), TLS when designed, and the
 * frontend answering its health endpoint. Pure.
 *
 * Where each ingress kind keeps its client allow-list:
 * - `alb`: the Ingress annotation `alb.ingress.kubernetes.io/inbound-cidrs`;
 *   without it the AWS Load Balancer Controller's security group admits
 *   0.0.0.0/0, and a custom `alb.ingress.kubernetes.io/security-groups`
 *   replaces that security group altogether (controller docs,
 *   guide/ingress/annotations and deploy/security_groups);
 * - `nginx`: the controller Service's `spec.loadBalancerSourceRanges`, or
 *   the `service.beta.kubernetes.io/load-balancer-source-ranges`
 *   annotation when the field is empty; neither means any client
 *   (Kubernetes "Service" docs);
 * - `gce`: a Cloud Armor policy attached through the frontend Service's
 *   BackendConfig (`spec.securityPolicy.name`); its rules live in Cloud
 *   Armor, outside Kubernetes, so verify confirms that one is attached, not
 *   what it admits. Without one the load balancer admits every client.
 */
import type { V1Ingress, V1Service } from '@kubernetes/client-node';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { Design, FrontendTls, IngressKind, TlsCertificateSource } from '../design/model';
import { gceIngressNames } from '../replica/gce-ingress-names';
import { GCE_FRONTEND_CONFIG_NAME } from '../sourcegraph/gce-ingress-values';
import { FRONTEND_TLS_SECRET_NAME, GCE_BACKEND_CONFIG_NAME } from '../sourcegraph/replica-values';
import { CheckInput, unreadable } from './check-input';
import type { CustomObject } from './cluster-state';
import { confirmed, Decision, deviates, judged, unchecked } from './decision';
import { FRONTEND_HEALTH } from './frontend-health';
import { latestWarning } from './pod-diagnosis';

/** The ingress-nginx controller's Service: the `IngressNginx` construct's release `ingress-nginx` in namespace `ingress-nginx` (lib/kubernetes/ingress-nginx.ts, which loads cdktf). */
export const INGRESS_NGINX_CONTROLLER = { namespace: 'ingress-nginx', service: 'ingress-nginx-controller' } as const;

/** Annotations the checks read. */
export const EXPOSURE_ANNOTATIONS = {
  albInboundCidrs: 'alb.ingress.kubernetes.io/inbound-cidrs',
  albSecurityGroups: 'alb.ingress.kubernetes.io/security-groups',
  albScheme: 'alb.ingress.kubernetes.io/scheme',
  albCertificate: 'alb.ingress.kubernetes.io/certificate-arn',
  albListenPorts: 'alb.ingress.kubernetes.io/listen-ports',
  albSslRedirect: 'alb.ingress.kubernetes.io/ssl-redirect',
  ingressClass: 'kubernetes.io/ingress.class',
  serviceSourceRanges: 'service.beta.kubernetes.io/load-balancer-source-ranges',
  backendConfig: 'cloud.google.com/backend-config',
  backendConfigBeta: 'beta.cloud.google.com/backend-config',
  gcePreSharedCert: 'ingress.gcp.kubernetes.io/pre-shared-cert',
  gceFrontendConfig: 'networking.gke.io/v1beta1.FrontendConfig',
} as const;

const WORLD = ['0.0.0.0/0', '::/0'];

/** The frontend's Ingress (named after the frontend, as the chart names it). */
export function frontendIngress(input: Pick<CheckInput, 'state'>): V1Ingress | undefined {
  return input.state.ingresses.find((i) => i.metadata?.name === FRONTEND_HEALTH.service);
}

/** The load balancer address of an Ingress or Service status. */
export function addressOf(o: V1Ingress | V1Service | undefined): string | undefined {
  const lb = o?.status?.loadBalancer?.ingress?.[0];
  return lb?.hostname || lb?.ip || undefined;
}

/** The address clients use: the Ingress's, or for nginx the controller Service's. */
export function loadBalancerAddress(input: Pick<CheckInput, 'design' | 'state'>): string | undefined {
  return addressOf(frontendIngress(input)) ?? (EXPOSURE[input.design.sourcegraph.ingress].addressOnControllerService ? addressOf(input.state.ingressController) : undefined);
}

function splitList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function isWorld(cidrs: readonly string[]): boolean {
  return cidrs.length === 0 || cidrs.some((c) => WORLD.includes(c));
}

function compareCidrs(expected: readonly string[], actual: readonly string[], where: string): string[] {
  if (isWorld(actual) && !isWorld(expected)) {
    return [`open to the world: ${where} admits ${actual.length ? actual.join(', ') : 'every client'}; designed ${expected.join(', ')}`];
  }
  const extra = actual.filter((c) => !expected.includes(c));
  const missing = expected.filter((c) => !actual.includes(c));
  const problems: string[] = [];
  if (extra.length && !isWorld(expected)) problems.push(`${where} also admits ${extra.join(', ')} (not designed)`);
  if (missing.length && !isWorld(expected)) problems.push(`${where} does not admit ${missing.join(', ')} (designed)`);
  return problems;
}

function checkIngress(input: CheckInput): Decision {
  const { design, state } = input;
  const sg = design.sourcegraph;
  const kind = EXPOSURE[sg.ingress];
  if (!exposes(design)) {
    const head = { id: 'exposure.ingress', family: 'exposure' as const, title: `Not exposed (ingress: ${sg.ingress})` };
    const cannot = unreadable(state, ['ingresses', 'services']);
    if (cannot.length) return unchecked(head, 'could not list Ingresses and Services', cannot);
    const problems: string[] = [];
    if (frontendIngress(input)) problems.push(`Ingress ${FRONTEND_HEALTH.service} exists (address ${addressOf(frontendIngress(input)) ?? 'none yet'})`);
    for (const svc of state.services.filter((s) => s.spec?.type === 'LoadBalancer' || s.spec?.type === 'NodePort')) {
      problems.push(`Service ${svc.metadata?.name} is of type ${svc.spec?.type}${addressOf(svc) ? ` at ${addressOf(svc)}` : ''}`);
    }
    return judged(head, problems, 'no Ingress and no load balancer Service: reach it with kubectl port-forward, as designed', 'exposed though the design has no ingress');
  }
  const head = { id: 'exposure.ingress', family: 'exposure' as const, title: `${sg.ingress} ingress for ${sg.hostname}, with an address` };
  const cannot = unreadable(state, ['ingresses', ...(kind.addressOnControllerService ? (['ingressController'] as const) : [])]);
  if (cannot.length) return unchecked(head, 'could not read the Ingress', cannot);
  const ing = frontendIngress(input);
  if (!ing) return deviates(head, 'no Ingress', [`no Ingress ${FRONTEND_HEALTH.service} in namespace ${sg.namespace}`]);
  const problems: string[] = [];
  const cls = ing.spec?.ingressClassName ?? ing.metadata?.annotations?.[EXPOSURE_ANNOTATIONS.ingressClass];
  const designedClass = INGRESS_KINDS[sg.ingress].ingressClass?.name;
  if (cls !== designedClass) problems.push(`ingress class ${cls ?? 'unset'}, designed ${designedClass}`);
  const hosts = (ing.spec?.rules ?? []).map((r) => r.host).filter((h): h is string => !!h);
  if (!hosts.includes(sg.hostname)) problems.push(`routes host${hosts.length === 1 ? '' : 's'} ${hosts.join(', ') || '(any)'}, designed ${sg.hostname}`);
  const address = loadBalancerAddress(input);
  if (!address) {
    const why = latestWarning(state.events, 'Ingress', FRONTEND_HEALTH.service);
    problems.push(`the Ingress has no address yet${why ? `: ${why}` : ' (the controller has not made the load balancer; no warning event)'}`);
  }
  if (kind.addressOnControllerService) {
    const svc = state.ingressController;
    if (!svc) problems.push(`no ingress-nginx controller Service ${INGRESS_NGINX_CONTROLLER.namespace}/${INGRESS_NGINX_CONTROLLER.service}`);
    else if (svc.spec?.type !== 'LoadBalancer') problems.push(`the ingress-nginx controller Service is of type ${svc.spec?.type}, not LoadBalancer`);
  }
  return judged(head, problems, `Ingress ${FRONTEND_HEALTH.service} (class ${cls}) for ${sg.hostname} at ${address}`, 'the ingress is not as designed');
}

function backendConfigOf(input: CheckInput): { name: string; object?: CustomObject } {
  const svc = input.state.services.find((s) => s.metadata?.name === FRONTEND_HEALTH.service);
  const annotations = svc?.metadata?.annotations ?? {};
  const raw = annotations[EXPOSURE_ANNOTATIONS.backendConfig] ?? annotations[EXPOSURE_ANNOTATIONS.backendConfigBeta];
  let name: string = GCE_BACKEND_CONFIG_NAME;
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as { default?: string; ports?: Record<string, string> };
      name = parsed.default ?? Object.values(parsed.ports ?? {})[0] ?? name;
    } catch {
      // a malformed annotation: fall back to the name sg-replica gives it
    }
  }
  return { name, object: input.state.backendConfigs.find((b) => b.metadata?.name === name) };
}

/** The head of the clients decision: who the design admits. */
type ClientsHead = { readonly id: string; readonly family: 'exposure'; readonly title: string };

/** The ALB admits the `inbound-cidrs` annotation's ranges (the AWS Load Balancer Controller's security group). */
function albClients(input: CheckInput, head: ClientsHead, expected: readonly string[], openByDesign: boolean): Decision {
  const cannot = unreadable(input.state, ['ingresses']);
  if (cannot.length) return unchecked(head, 'could not read the Ingress', cannot);
  const ing = frontendIngress(input);
  if (!ing) return unchecked(head, 'no Ingress to read the allow-list from', ['no Ingress (see exposure.ingress)']);
  const a = ing.metadata?.annotations ?? {};
  if (a[EXPOSURE_ANNOTATIONS.albSecurityGroups]) {
    return unchecked(head, `custom security groups (${a[EXPOSURE_ANNOTATIONS.albSecurityGroups]}) decide who may connect`, [
      `${EXPOSURE_ANNOTATIONS.albSecurityGroups} replaces the controller's security group: its rules live in EC2, not in Kubernetes`,
    ]);
  }
  const actual = a[EXPOSURE_ANNOTATIONS.albInboundCidrs] !== undefined ? splitList(a[EXPOSURE_ANNOTATIONS.albInboundCidrs]) : ['0.0.0.0/0'];
  const where = a[EXPOSURE_ANNOTATIONS.albInboundCidrs] !== undefined ? `the ALB (${EXPOSURE_ANNOTATIONS.albInboundCidrs})` : `the ALB (no ${EXPOSURE_ANNOTATIONS.albInboundCidrs} annotation: the controller's default)`;
  return judged(head, compareCidrs(expected, actual, where), `the ALB admits ${actual.join(', ')}${openByDesign ? ' (as designed)' : ''}`, 'the load balancer admits other clients than designed', [`${EXPOSURE_ANNOTATIONS.albInboundCidrs}: ${a[EXPOSURE_ANNOTATIONS.albInboundCidrs] ?? '(unset)'}`, `${EXPOSURE_ANNOTATIONS.albScheme}: ${a[EXPOSURE_ANNOTATIONS.albScheme] ?? '(unset)'}`]);
}

/** ingress-nginx's network load balancer admits its controller Service's `loadBalancerSourceRanges`. */
function nginxClients(input: CheckInput, head: ClientsHead, expected: readonly string[], openByDesign: boolean): Decision {
  const cannot = unreadable(input.state, ['ingressController']);
  if (cannot.length) return unchecked(head, 'could not read the ingress-nginx controller Service', cannot);
  const svc = input.state.ingressController;
  if (!svc) return unchecked(head, 'no ingress-nginx controller Service to read the allow-list from', ['no controller Service (see exposure.ingress)']);
  const field = svc.spec?.loadBalancerSourceRanges ?? [];
  const actual = field.length ? field : splitList(svc.metadata?.annotations?.[EXPOSURE_ANNOTATIONS.serviceSourceRanges]);
  const where = `Service ${INGRESS_NGINX_CONTROLLER.namespace}/${INGRESS_NGINX_CONTROLLER.service} (loadBalancerSourceRanges)`;
  return judged(head, compareCidrs(expected, actual, where), `the load balancer admits ${actual.length ? actual.join(', ') : 'every client'}${openByDesign ? ' (as designed)' : ''}`, 'the load balancer admits other clients than designed', [`loadBalancerSourceRanges: ${field.join(', ') || '(empty)'}`]);
}

/** The GKE ingress admits what the Cloud Armor policy its BackendConfig references admits. */
function gceClients(input: CheckInput, head: ClientsHead, expected: readonly string[], openByDesign: boolean): Decision {
  const cannot = unreadable(input.state, ['services', 'backendConfigs']);
  if (cannot.length) return unchecked(head, 'could not read the frontend Service and its BackendConfig', cannot);
  const { name, object } = backendConfigOf(input);
  const policy = (object?.spec?.securityPolicy as { name?: string } | undefined)?.name;
  if (policy) {
    return confirmed(head, `Cloud Armor policy ${policy} attached through BackendConfig ${name} (its rules live in Cloud Armor: not visible to verify)`, [`BackendConfig ${name} spec.securityPolicy.name: ${policy}`]);
  }
  if (openByDesign) return confirmed(head, `no Cloud Armor policy: the GCE load balancer admits every client, as designed (allowedClientCidrs ${expected.join(', ') || 'empty'})`);
  return deviates(head, 'open to the world', [
    `open to the world: ${object ? `BackendConfig ${name} references no securityPolicy` : `no BackendConfig ${name}`}, so the GCE load balancer admits every client; designed ${expected.join(', ')}`,
  ]);
}

/** How verify reads each ingress kind's exposure from the cluster. */
interface KindExposure {
  /** Where the load balancer's address is when the Ingress has none: the controller Service's status (ingress-nginx). */
  readonly addressOnControllerService: boolean;
  /** Who may connect, as the kind enforces it; undefined for a kind that exposes nothing. */
  readonly clients?: (input: CheckInput, head: ClientsHead, expected: readonly string[], openByDesign: boolean) => Decision;
}

const EXPOSURE: Readonly<Record<IngressKind, KindExposure>> = {
  alb: { addressOnControllerService: false, clients: albClients },
  nginx: { addressOnControllerService: true, clients: nginxClients },
  gce: { addressOnControllerService: false, clients: gceClients },
  none: { addressOnControllerService: false },
};

/** Whether the design's ingress kind makes a load balancer at all. */
function exposes(design: Pick<CheckInput['design'], 'sourcegraph'>): boolean {
  return INGRESS_KINDS[design.sourcegraph.ingress].loadBalancer !== undefined;
}

function checkClients(input: CheckInput): Decision | undefined {
  const sg = input.design.sourcegraph;
  const read = EXPOSURE[sg.ingress].clients;
  if (!read) return undefined;
  const expected = sg.allowedClientCidrs;
  const openByDesign = isWorld(expected);
  const head: ClientsHead = {
    id: 'exposure.clients',
    family: 'exposure',
    title: openByDesign ? 'Clients: any (an explicit opt-in of the design)' : `Clients: only ${expected.join(', ')}`,
  };
  return read(input, head, expected, openByDesign);
}

/** How each certificate source shows on the frontend's Ingress: the title of the decision and what differs from the design. */
interface TlsExpectation {
  readonly title: (tls: FrontendTls, design: Design) => string;
  readonly problems: (ing: V1Ingress, tls: FrontendTls, design: Design) => string[];
}

const annotationsOf = (ing: V1Ingress): Readonly<Record<string, string>> => ing.metadata?.annotations ?? {};

/** The GCE ingress's HTTPS: the pre-shared certificates named, and the FrontendConfig that redirects HTTP (gce-ingress-values.ts). */
function gceTlsProblems(ing: V1Ingress, names: readonly string[]): string[] {
  const a = annotationsOf(ing);
  const problems: string[] = [];
  const served = (a[EXPOSURE_ANNOTATIONS.gcePreSharedCert] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  const missing = names.filter((n) => !served.includes(n));
  if (missing.length) problems.push(`certificates ${served.join(', ') || 'none'}, designed ${names.join(', ')}`);
  if (a[EXPOSURE_ANNOTATIONS.gceFrontendConfig] !== GCE_FRONTEND_CONFIG_NAME) {
    problems.push(`HTTP is not redirected to HTTPS (${EXPOSURE_ANNOTATIONS.gceFrontendConfig}: ${a[EXPOSURE_ANNOTATIONS.gceFrontendConfig] ?? 'unset'}, designed ${GCE_FRONTEND_CONFIG_NAME})`);
  }
  return problems;
}

/** What each certificate source of `sourcegraph.tls` puts on the Ingress (the values and layers that set it: lib/sourcegraph). */
const TLS_EXPECTATIONS: Readonly<Record<Exclude<TlsCertificateSource, 'none'>, TlsExpectation>> = {
  acm: {
    title: (tls) => `HTTPS with ${(tls as Extract<FrontendTls, { certificate: 'acm' }>).arn}`,
    problems: (ing, tls) => {
      const arn = (tls as Extract<FrontendTls, { certificate: 'acm' }>).arn;
      const a = annotationsOf(ing);
      const problems: string[] = [];
      if (a[EXPOSURE_ANNOTATIONS.albCertificate] !== arn) problems.push(`certificate ${a[EXPOSURE_ANNOTATIONS.albCertificate] ?? 'none'}, designed ${arn}`);
      if (!/"HTTPS"\s*:\s*443/.test(a[EXPOSURE_ANNOTATIONS.albListenPorts] ?? '')) problems.push(`listen ports ${a[EXPOSURE_ANNOTATIONS.albListenPorts] ?? '(unset: HTTP 80 only)'} have no HTTPS 443`);
      if (a[EXPOSURE_ANNOTATIONS.albSslRedirect] !== '443') problems.push(`HTTP is not redirected to HTTPS (${EXPOSURE_ANNOTATIONS.albSslRedirect}: ${a[EXPOSURE_ANNOTATIONS.albSslRedirect] ?? 'unset'})`);
      return problems;
    },
  },
  'google-managed': {
    title: (_tls, design) => `HTTPS with the Google-managed certificate ${gceIngressNames(design.name).address}`,
    problems: (ing, _tls, design) => gceTlsProblems(ing, [gceIngressNames(design.name).address]),
  },
  'gcp-ssl-certificates': {
    title: (tls) => `HTTPS with the SSL certificates ${(tls as Extract<FrontendTls, { certificate: 'gcp-ssl-certificates' }>).names.join(', ')}`,
    problems: (ing, tls) => gceTlsProblems(ing, (tls as Extract<FrontendTls, { certificate: 'gcp-ssl-certificates' }>).names),
  },
  secret: {
    title: () => `HTTPS with the certificate of Secret ${FRONTEND_TLS_SECRET_NAME}`,
    problems: (ing, _tls, design) => {
      const entry = (ing.spec?.tls ?? []).find((t) => (t.hosts ?? []).includes(design.sourcegraph.hostname));
      if (!entry) return [`no TLS entry for ${design.sourcegraph.hostname} on the Ingress`];
      return entry.secretName === FRONTEND_TLS_SECRET_NAME ? [] : [`TLS from Secret ${entry.secretName ?? 'none'}, designed ${FRONTEND_TLS_SECRET_NAME}`];
    },
  },
};

function checkTls(input: CheckInput): Decision | undefined {
  const { design, state } = input;
  const { tls } = design.sourcegraph;
  if (!exposes(design)) return undefined;
  if (tls.certificate === 'none') {
    return confirmed({ id: 'exposure.tls', family: 'exposure', title: 'HTTP only (no TLS in the design)' }, 'no TLS designed: the replica serves HTTP, as designed');
  }
  const expectation = TLS_EXPECTATIONS[tls.certificate];
  const head = { id: 'exposure.tls', family: 'exposure' as const, title: expectation.title(tls, design) };
  const cannot = unreadable(state, ['ingresses']);
  if (cannot.length) return unchecked(head, 'could not read the Ingress', cannot);
  const ing = frontendIngress(input);
  if (!ing) return unchecked(head, 'no Ingress to read TLS from', ['no Ingress (see exposure.ingress)']);
  return judged(head, expectation.problems(ing, tls, design), 'HTTPS on 443 with the designed certificate, HTTP redirected', 'TLS is not as designed');
}

function describeAnswer(a: { status?: number; error?: string; ms: number }): string {
  return a.status !== undefined ? `HTTP ${a.status}${a.error ? ` (${a.error})` : ''} in ${a.ms} ms` : `no answer (${a.error ?? 'unknown error'})`;
}

function checkHealth(input: CheckInput): Decision {
  const { state } = input;
  const head = { id: 'exposure.health', family: 'exposure' as const, title: 'The frontend answers its health endpoint' };
  const h = state.health;
  if (!h) return unchecked(head, 'the health endpoint was not probed', ['no probe ran']);
  const lbNote = h.loadBalancer ? `; the load balancer did not let this machine through (${h.loadBalancer.target}: ${describeAnswer(h.loadBalancer.answer)}), as expected when it is not among the allowed clients` : '';
  const route = h.via === 'load-balancer' ? 'through the load balancer' : 'through the API server’s service proxy';
  if (h.ok) return confirmed(head, `${describeAnswer(h.answer)} ${route}${lbNote}`, [`GET ${h.target}: ${describeAnswer(h.answer)}`]);
  if (h.answer.blocked) return unchecked(head, `could not ask the frontend ${route}`, [`GET ${h.target}: ${describeAnswer(h.answer)}${lbNote}`]);
  return deviates(head, `the frontend does not answer ${route}`, [`GET ${h.target}: ${describeAnswer(h.answer)}${lbNote}`]);
}

/** The exposure decisions, in report order. */
export function checkExposure(input: CheckInput): Decision[] {
  return [checkIngress(input), checkClients(input), checkTls(input), checkHealth(input)].filter((d): d is Decision => d !== undefined);
}
