/**
 * The check pipeline: everything sg-replica checks about a design before it
 * builds anything, in order, every problem at once.
 *
 * 1. the file itself: readable, YAML (lib/design/load-design.ts);
 * 2. the schema: types, enums, patterns, unknown keys (lib/design/validate-shape.ts);
 * 3. the cross-field rules (lib/design/rules.ts), the override files named;
 * 4. the Helm values: each override file and the inline values against the
 *    chart version's key catalog and against the replica (lib/chart);
 * 5. only for an otherwise valid design, the assessment: capacity at minNodes
 *    and maxNodes, volumes against the codebase (lib/assessment); for a
 *    Kustomize design first its overlay, rendered with kubectl and checked
 *    (problems at the overlay's lines; lib/kustomize).
 *
 * `sg-replica validate`, `synth` and `report`, the cdktf app (main.ts) and
 * library users (`loadDesign`, `designFromObject`) all go through here.
 * Nothing here loads cdktf or provider code.
 */
import { assessDesign, DesignAssessment } from '../assessment/assess-design';
import { CAPACITY_FIT_RULE } from '../assessment/capacity-rule';
import { SOURCEGRAPH_CHART_VERSIONS } from '../catalog/chart-versions';
import { POLICY_RULE_IDS, TAG_POLICY_ID } from '../catalog/policy-rules';
import { checkValueKeys, KeyProblem } from '../chart/check-value-keys';
import { chartKeyCatalog } from '../chart/key-catalog';
import { dependentKeyProblems } from '../chart/dependent-keys';
import { mergeValues } from '../helm/merge-values';
import { volumeMinimumProblems } from '../sizing/volume-minimums';
import { replicaConflicts } from '../chart/replica-conflicts';
import { yamlKeyOrigins } from '../chart/yaml-key-origins';
import { buildDesign } from '../design/build-design';
import type { DesignInput } from '../design/design-input';
import { designSchema } from '../design/design-schema';
import { checkOverlayPath, DesignDocument, designObjectDocument, DesignFromObjectOptions, OverrideDocument, OverrideDocuments, parseDesignFile, readOverrideFiles } from '../design/load-design';
import { DEPLOYMENT_METHODS } from '../design/deployment-methods';
import { checkMethodFields } from '../design/method-rules';
import { DeploymentMethod, Design } from '../design/model';
import { DesignProblem, DesignValidationError, FieldPath, sortProblems } from '../design/problems';
import { checkCloudIdentifiers, checkRules, WaivableChecks } from '../design/rules';
import { checkTlsSources } from '../design/frontend-tls';
import { PathProblem, pathKey, validateShape } from '../design/validate-shape';
import { plainData, thrownText } from '../design/plain-data';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';

export type { DesignFromObjectOptions };

/** The outcome of checking a design: the design when it has no errors, and every problem found. */
export interface DesignCheck {
  readonly design?: Design;
  /**
   * The design when only its capacity checks failed (it is otherwise valid):
   * what `sg-replica report` still reports on.
   */
  readonly unfitDesign?: Design;
  /** Values, capacity, cost and findings of `design` or `unfitDesign` (what synth and report reuse). */
  readonly assessment?: DesignAssessment;
  /** Errors and warnings, sorted by position. */
  readonly problems: readonly DesignProblem[];
}

/** What a design may waive: capacity-fit and the policy rules; never the tag check (expiry and clean-up depend on the tags). */
export const WAIVABLE_CHECKS: WaivableChecks = {
  ids: [CAPACITY_FIT_RULE, ...POLICY_RULE_IDS],
  never: { [TAG_POLICY_ID]: 'expiry and clean-up depend on the tags' },
};

/**
 * Capacity and codebase findings as problems: an error (the release does not
 * fit even at maxNodes, a volume too small) fails validation unless the design
 * waives `capacity-fit` with a reason, which turns it into a logged warning.
 * Findings of other checks (`Finding.check`: arm64 pools, a Kubernetes
 * version in extended support) carry their check's name and no waiver covers them.
 */
function assessmentProblems(design: Design, assessment: DesignAssessment): PathProblem[] {
  const waiver = design.waivers.find((w) => w.rule === CAPACITY_FIT_RULE);
  return assessment.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => {
      const path: FieldPath = f.field ?? (f.valuesKey ? ['sourcegraph'] : ['kubernetes', 'nodePools']);
      if (f.check !== undefined) return { severity: f.severity as 'error' | 'warning', path, message: `${f.check}: ${f.message}` };
      if (f.severity === 'error' && waiver) {
        return { severity: 'warning' as const, path, message: `${f.check ?? 'capacity'}: ${f.message} (waived: ${waiver.reason})` };
      }
      return { severity: f.severity as 'error' | 'warning', path, message: `${f.check ?? 'capacity'}: ${f.message}`, ...(f.severity === 'error' && { allowed: f.remedy ?? `larger or more nodes, smaller requests, or a "${CAPACITY_FIT_RULE}" waiver with a reason` }) };
    });
}

/**
 * Helm values checked against the chart version's key catalog and against
 * the replica: each override file (located in that file) and the inline values.
 */
function checkHelmValues(design: Design, overrides: readonly OverrideDocument[], invalid: ReadonlySet<string>): { inOverrides: DesignProblem[]; inline: PathProblem[] } {
  const version = design.sourcegraph.version;
  // Helm values are a Helm design's; a Kustomize design refuses them (method-rules.ts).
  if (!DEPLOYMENT_METHODS[design.sourcegraph.method].helmValues) return { inOverrides: [], inline: [] };
  if (invalid.has(pathKey(['sourcegraph', 'version'])) || !SOURCEGRAPH_CHART_VERSIONS.includes(version)) return { inOverrides: [], inline: [] };
  const asPath = (p: KeyProblem, prefix: FieldPath = []): PathProblem => ({
    severity: p.severity,
    path: [...prefix, ...p.path],
    message: p.message,
    ...(p.got !== undefined && { got: p.got }),
    ...(p.suggestion !== undefined && !p.message.includes('did you mean') && { allowed: p.suggestion }),
    ...(p.atKey && { atKey: true }),
  });
  // What the customer's layers say together: a key in one file may be enabled by another.
  const combined = mergeValues({}, ...overrides.map((o) => o.file.values as Record<string, unknown>), ...(invalid.has(pathKey(['sourcegraph', 'values'])) ? [] : [design.sourcegraph.values as Record<string, unknown>]));
  const inOverrides = overrides.flatMap((o) =>
    o.locate(
      [
        ...checkValueKeys(o.file.values, version, yamlKeyOrigins(o.doc)),
        ...replicaConflicts(o.file.values, design, { storageClassName: REPLICA_STORAGE_CLASS_NAME, layer: 'override' }),
        ...volumeMinimumProblems(o.file.values, design.storage.diskType, version),
        ...dependentKeyProblems(o.file.values, combined),
      ].map((p) => asPath(p)),
    ),
  );
  const inline = invalid.has(pathKey(['sourcegraph', 'values']))
    ? []
    : [
        ...checkValueKeys(design.sourcegraph.values, version),
        ...replicaConflicts(design.sourcegraph.values, design, { storageClassName: REPLICA_STORAGE_CLASS_NAME, layer: 'inline' }),
        ...volumeMinimumProblems(design.sourcegraph.values, design.storage.diskType, version),
        ...dependentKeyProblems(design.sourcegraph.values, combined),
      ].map((p) => asPath(p, ['sourcegraph', 'values']));
  return { inOverrides, inline };
}

/** Fields every design has; an override file has none of them. */
const DESIGN_ONLY_FIELDS = ['name', 'cloud', 'kubernetes'] as const;

/**
 * One clear error instead of a dozen schema errors when a Helm override file
 * (`frontend:`, `storageClass:`, ...) is given where a design is expected.
 */
function overrideFileGivenAsDesign(doc: Record<string, unknown>, file: string): DesignProblem | undefined {
  if (DESIGN_ONLY_FIELDS.some((field) => field in doc)) return undefined;
  const chartKeys = new Set(SOURCEGRAPH_CHART_VERSIONS.flatMap((v) => Object.keys(chartKeyCatalog(v)?.root ?? {})));
  const designFields = new Set(Object.keys(designSchema.properties));
  const values = Object.keys(doc).filter((key) => chartKeys.has(key) && !designFields.has(key));
  if (values.length === 0) return undefined;
  return {
    severity: 'error',
    file,
    line: 1,
    col: 1,
    field: '',
    message:
      `this is a Helm override file, not a design: its keys ${values.slice(0, 4).join(', ')} are Sourcegraph chart values. ` +
      `Name it in the design that uses it (in the same directory): sourcegraph: {overrides: [${file.split(/[\\/]/).pop()}]}; a design starts with name:, customer:, owner:, cloud:, kubernetes:, sourcegraph: (docs/DESIGN-FILE.md)`,
  };
}

/** What the last step found: the assessment, and the problems it locates itself or at fields of the design. */
interface AssessmentStep {
  readonly assessment?: DesignAssessment;
  /** Problems at positions of other files (a Kustomize overlay's). */
  readonly located: readonly DesignProblem[];
  /** Problems at fields of the design. */
  readonly pathProblems: readonly PathProblem[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Step 5 per method. A Kustomize design's overlay is rendered and checked
 * here (its problems at the overlay's lines); its module, kubectl and the
 * overlay reader load only for such a design.
 */
const ASSESSMENT_STEP: Readonly<Record<DeploymentMethod, (design: Design) => AssessmentStep>> = {
  helm: (design) => ({ assessment: assessDesign(design), located: [], pathProblems: [] }),
  kustomize: (design) => {
    const check = (require('../assessment/kustomize-assessment') as typeof import('../assessment/kustomize-assessment')).checkKustomizeDesign(design);
    return { ...(check.assessment && { assessment: check.assessment }), located: check.overlayProblems, pathProblems: check.designProblems };
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** What a method reads besides the design file: a Helm design's override files; a Kustomize design's overlay directory (checked here, read at assessment). */
function readMethodFiles(doc: Readonly<Record<string, unknown>>, baseDir: string): OverrideDocuments {
  const sg = doc.sourcegraph as Record<string, unknown> | undefined;
  if (sg && typeof sg === 'object' && sg.method === 'kustomize') return { files: [], problems: [], pathProblems: checkOverlayPath(doc, baseDir) };
  return readOverrideFiles(doc, baseDir);
}

/**
 * A failure of sg-replica itself while checking a file: named, and never
 * losing the other files' problems.
 */
function internalError(file: string, e: unknown): DesignProblem {
  return {
    severity: 'error',
    file,
    field: '',
    message: `sg-replica failed while checking this file (${thrownText(e)}): this is a bug in sg-replica, not in the file; please report it with the file attached`,
  };
}

/** Steps 2-5 on a read document; never throws. */
function checkDocument(input: unknown, document: DesignDocument): DesignCheck {
  try {
    // Limits, and plain data only: every later step reads this copy (see plain-data.ts).
    const plain = plainData(input);
    if (plain.fatal) return { problems: sortProblems(document.locate(plain.problems)) };
    const result = checkPlainDocument(plain.value, document);
    if (plain.problems.length === 0) return result;
    // Only `__proto__` keys, dropped from the copy: reported with everything else, and the design is not valid.
    const problems = sortProblems([...document.locate(plain.problems), ...result.problems]);
    return result.assessment ? { unfitDesign: result.design ?? result.unfitDesign, assessment: result.assessment, problems } : { problems };
  } catch (e) {
    return { problems: [internalError(document.source.file, e)] };
  }
}

function checkPlainDocument(raw: unknown, document: DesignDocument): DesignCheck {
  const { source } = document;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ severity: 'error', file: source.file, line: 1, col: 1, field: '', message: 'a design must be a YAML map (name: ..., cloud: ..., ...)' }] };
  }
  const doc = raw as Record<string, unknown>;
  const notADesign = overrideFileGivenAsDesign(doc, source.file);
  if (notADesign) return { problems: [notADesign] };
  const shape = validateShape(doc, designSchema);
  const overrides = readMethodFiles(doc, source.baseDir);
  const design = buildDesign(doc, source, overrides.files.map((o) => o.file));
  const helm = checkHelmValues(design, overrides.files, shape.invalid);
  const pathProblems = [...shape.problems, ...checkCloudIdentifiers(doc), ...checkMethodFields(doc), ...checkTlsSources(doc), ...overrides.pathProblems, ...checkRules(design, shape.invalid, WAIVABLE_CHECKS, doc), ...helm.inline];
  const sound = !pathProblems.some((p) => p.severity === 'error') && !overrides.problems.some((p) => p.severity === 'error') && !helm.inOverrides.some((p) => p.severity === 'error');
  // Capacity and disk sizing (and a Kustomize overlay's render) only make sense for a design that is otherwise valid.
  const step = sound ? ASSESSMENT_STEP[design.sourcegraph.method](design) : undefined;
  const assessment = step?.assessment;
  if (step) pathProblems.push(...step.pathProblems);
  if (assessment) pathProblems.push(...assessmentProblems(design, assessment));
  const problems = sortProblems([...document.locate(pathProblems), ...overrides.problems, ...helm.inOverrides, ...(step?.located ?? [])]);
  if (!problems.some((p) => p.severity === 'error')) return { design, assessment, problems };
  // Only capacity errors (a design that renders): `report` still reports on it.
  const onlyCapacity = assessment && !(step?.located ?? []).some((p) => p.severity === 'error');
  return assessment && onlyCapacity ? { unfitDesign: design, assessment, problems } : { problems };
}

/** Checks a design file; never throws for problems in the file. */
export function checkDesignFile(file: string): DesignCheck {
  let document: DesignDocument;
  try {
    document = parseDesignFile(file);
  } catch (e) {
    return { problems: [internalError(file, e)] };
  }
  if (!document.content) return { problems: document.problems };
  const result = checkDocument(document.content.value, document);
  return { ...result, problems: sortProblems([...document.problems, ...result.problems]) };
}

/** Loads a design file with every check; throws `DesignValidationError` listing every error when it is invalid. */
export function loadDesign(file: string): Design {
  const result = checkDesignFile(file);
  if (!result.design) throw new DesignValidationError(result.problems);
  return result.design;
}

/** Checks a design given as a plain object (same schema as the YAML file). */
export function checkDesignObject(input: unknown, options: DesignFromObjectOptions = {}): DesignCheck {
  return checkDocument(input, designObjectDocument(input, options));
}

/**
 * Builds a `Design` from a plain object, for cdktf apps that define designs
 * in code (`DesignInput` is its type: the design file's fields). Runs every
 * check the design file gets; throws `DesignValidationError` listing every error.
 */
export function designFromObject(input: DesignInput, options: DesignFromObjectOptions = {}): Design {
  const result = checkDesignObject(input, options);
  if (!result.design) throw new DesignValidationError(result.problems);
  return result.design;
}
