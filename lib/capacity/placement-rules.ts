/**
 * Whether a pod may run on a node, by the rules the Kubernetes scheduler
 * applies before resources: nodeSelector, required node affinity, taints and
 * tolerations. Pure.
 *
 * Simulated: nodeSelector; requiredDuringSchedulingIgnoredDuringExecution
 * node affinity (nodeSelectorTerms ORed, matchExpressions ANDed; operators
 * In, NotIn, Exists, DoesNotExist, Gt, Lt); taints with effect NoSchedule
 * and NoExecute (PreferNoSchedule never blocks); required pod anti-affinity
 * on `kubernetes.io/hostname` read as "one pod of this workload per node".
 * Not simulated: preferred rules, pod affinity, other topology keys,
 * topology spread constraints.
 * Source: kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/ and taint-and-toleration/.
 */
import { Taint } from '../design/model';
import { isValuesMap, scalarText } from '../helm/merge-values';
import { PodPlacement, Toleration } from '../sizing/workloads';

/** Why a pod may not run on a node; undefined when it may. */
export type PlacementVerdict = string | undefined;

/** True when `toleration` tolerates `taint`. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}

/** The first taint that keeps the pod off the node, or undefined. */
export function blockingTaint(tolerations: readonly Toleration[], taints: readonly Taint[]): Taint | undefined {
  return taints.find((taint) => taint.effect !== 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)));
}

/** `key=value:Effect` */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

function requirementHolds(req: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number(values[0]);
    case 'Lt':
      return has && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function formatRequirement(req: Requirement): string {
  return `${req.key} ${req.operator}${req.values && req.values.length ? ` (${req.values.join(', ')})` : ''}`;
}

function requiredNodeTerms(affinity: Readonly<Record<string, unknown>> | undefined): readonly Requirement[][] | undefined {
  const nodeAffinity = affinity?.nodeAffinity;
  if (!isValuesMap(nodeAffinity)) return undefined;
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (!isValuesMap(required) || !Array.isArray(required.nodeSelectorTerms)) return undefined;
  return required.nodeSelectorTerms.map((term) => {
    const exprs = isValuesMap(term) && Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
    // An entry Kubernetes would refuse (a key or operator that is not text, values that are not scalars) matches no node.
    return exprs.filter(isValuesMap).map((e) => {
      const values = Array.isArray(e.values) ? e.values.map(scalarText) : undefined;
      const key = scalarText(e.key);
      const operator = scalarText(e.operator);
      if (key === undefined || operator === undefined || values?.some((v) => v === undefined)) return { key: key ?? '(not a label key)', operator: 'is not a valid requirement' };
      return { key, operator, values: values as string[] | undefined };
    });
  });
}

/**
 * True when the affinity asks for at most one pod of the workload per node:
 * a required podAntiAffinity term with topologyKey `kubernetes.io/hostname`
 * (its label selector is assumed to select the workload's own pods, as in
 * the chart's examples).
 */
export function oncePerNode(affinity: Readonly<Record<string, unknown>> | undefined): boolean {
  const anti = affinity?.podAntiAffinity;
  if (!isValuesMap(anti)) return false;
  const terms = anti.requiredDuringSchedulingIgnoredDuringExecution;
  return Array.isArray(terms) && terms.some((t) => isValuesMap(t) && t.topologyKey === 'kubernetes.io/hostname');
}

/**
 * Why `placement` keeps a pod off a node with `labels` and `taints`
 * (undefined when it does not). Taints are checked last, so a pod both
 * mis-selected and untolerated is reported for its selector.
 */
export function placementVerdict(
  placement: PodPlacement,
  labels: Readonly<Record<string, string>>,
  taints: readonly Taint[],
): PlacementVerdict {
  for (const [key, value] of Object.entries(placement.nodeSelector)) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    if (!has || labels[key] !== value) return `nodeSelector ${key}=${value} does not match (node has ${has ? `${key}=${labels[key]}` : `no label ${key}`})`;
  }
  const terms = requiredNodeTerms(placement.affinity);
  if (terms && terms.length > 0 && !terms.some((term) => term.every((req) => requirementHolds(req, labels)))) {
    const first = terms[0].find((req) => !requirementHolds(req, labels));
    return `required node affinity does not match${first ? ` (${formatRequirement(first)})` : ''}`;
  }
  const taint = blockingTaint(placement.tolerations, taints);
  if (taint) return `taint ${formatTaint(taint)} is not tolerated`;
  return undefined;
}
