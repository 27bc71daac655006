import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SOURCEGRAPH_CHART_REPOSITORY } from '../catalog/chart-versions';
import { isDnsLabel } from '../catalog/kubernetes-names';
import { Release } from '../providers/helm';
import { HelmValues, cloneValues, isValuesMap, renderValuesYaml } from '../helm/merge-values';
import { splitValues, terraformValuesDocuments, ValuesPath } from '../sourcegraph/values-documents';

/** Name of the chart in its repository. */
export const SOURCEGRAPH_CHART = 'sourcegraph';
/**
 * How long an install or upgrade may take before Terraform calls it failed:
 * 20 minutes. A first install pulls about 30 images, attaches a dozen
 * volumes, and frontend waits for its database migrations; 10+ minutes is
 * normal, well past Helm's 5-minute default.
 */
export const SOURCEGRAPH_RELEASE_TIMEOUT_SECONDS = 1200;

/**
 * How a Sourcegraph release is installed, whatever its chart (the
 * sourcegraph chart, or a Kustomize replica's generated one): named as a
 * Helm release may be, waiting for readiness up to `timeoutSeconds`, not
 * atomic (a failed install stays for `kubectl describe`; `cdktf destroy`
 * removes it all), ten revisions kept.
 *
 * @param construct names the caller in errors
 * @throws Error naming the value when the name or the timeout is invalid
 */
export function sourcegraphReleaseSettings(construct: string, releaseName: string, timeoutSeconds = SOURCEGRAPH_RELEASE_TIMEOUT_SECONDS) {
  if (!isDnsLabel(releaseName) || releaseName.length > 53) {
    throw new Error(`${construct}: '${releaseName}' is not a valid Helm release name (DNS label, at most 53 chars)`);
  }
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Error(`${construct}: timeoutSeconds must be a positive whole number, got ${timeoutSeconds}`);
  }
  return { name: releaseName, createNamespace: false, wait: true, timeout: timeoutSeconds, atomic: false, cleanupOnFail: false, maxHistory: 10 } as const;
}

/** Properties of a {@link SourcegraphRelease}. */
export interface SourcegraphReleaseProps {
  /** Chart version (equals the Sourcegraph version), e.g. `7.6.0`. */
  readonly version: string;
  /** Namespace to install into; it must exist (see `ReplicaNamespace`). */
  readonly namespace: string;
  /**
   * The complete values (see `sourcegraphHelmValues`). Every string reaches
   * Helm as the literal written, except at `referencePaths`.
   */
  readonly values: Readonly<HelmValues>;
  /**
   * Paths of the values that are references to other resources (cdktf
   * tokens, e.g. a role ARN), see `sourcegraphReferencePaths`. Only these may
   * hold tokens; anything else that looks like a token or a Terraform
   * template (`${…}`, `%{…}`) is passed on as literal text.
   * @default [] (every value is a literal)
   */
  readonly referencePaths?: readonly ValuesPath[];
  /** Helm release name. @default 'sourcegraph' */
  readonly releaseName?: string;
  /** Chart repository URL. @default https://helm.sourcegraph.com/release */
  readonly repository?: string;
  /** Install/upgrade timeout in seconds. @default 1200 (see `SOURCEGRAPH_RELEASE_TIMEOUT_SECONDS`) */
  readonly timeoutSeconds?: number;
  /** The Helm provider to use. @default the stack's default Helm provider */
  readonly provider?: TerraformProvider;
  /**
   * What the release waits for: its namespace, the StorageClass, and the
   * ingress controller (which must also outlive the release on destroy, so it
   * removes the load balancer it made for the ingress). @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Sourcegraph Helm release (`sourcegraph/sourcegraph`), installed with
 * its values as literal text (plus a document of generated references, see
 * values-documents.ts) and waited on until every pod is ready.
 *
 * Not atomic: a failed install stays in place for `kubectl describe` (an
 * atomic rollback would remove the evidence; `cdktf destroy` removes it all
 * anyway). No cleanup on a failed upgrade, for the same reason.
 */
export class SourcegraphRelease extends Construct {
  /** The values the release is installed with (a copy; for snapshots and reports). */
  public readonly values: HelmValues;
  /** The same values as one YAML document (token markers unresolved), for reading. */
  public readonly valuesYaml: string;
  /** The values documents as the `helm_release` holds them: literals escaped for Terraform, then the references. */
  public readonly valuesDocuments: readonly string[];
  /** The `helm_release` resource. */
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: SourcegraphReleaseProps) {
    super(scope, id);
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(props.version)) {
      throw new Error(`SourcegraphRelease: chart version '${props.version}' is not a version like 7.6.0`);
    }
    if (!isDnsLabel(props.namespace)) {
      throw new Error(`SourcegraphRelease: '${props.namespace}' is not a valid namespace name`);
    }
    const settings = sourcegraphReleaseSettings('SourcegraphRelease', props.releaseName ?? 'sourcegraph', props.timeoutSeconds);
    if (!isValuesMap(props.values)) throw new Error('SourcegraphRelease: values must be a map');

    this.values = cloneValues(props.values) as HelmValues;
    this.valuesYaml = renderValuesYaml(this.values);
    this.valuesDocuments = terraformValuesDocuments(splitValues(this.values, props.referencePaths ?? []));
    this.release = new Release(this, 'release', {
      ...settings,
      repository: props.repository ?? SOURCEGRAPH_CHART_REPOSITORY,
      chart: SOURCEGRAPH_CHART,
      version: props.version,
      namespace: props.namespace,
      values: [...this.valuesDocuments],
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
