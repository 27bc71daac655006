import { AssetType, ITerraformDependable, TerraformAsset, TerraformProvider } from 'cdktf';
import { resolve } from 'node:path';
import { Construct } from 'constructs';
import { parseRenderedManifests } from '../render/helm-template';
import { isDnsLabel } from '../catalog/kubernetes-names';
import { Release } from '../providers/helm';
import { renderValuesYaml } from '../helm/merge-values';
import { sourcegraphReleaseSettings } from './sourcegraph-release';
import { generatedChart, writeGeneratedChart } from '../kustomize/generated-chart';
import { DEPLOY_TIME_PLACEHOLDERS } from '../kustomize/replica-layer';

/** Values that exist only after the infra stack is deployed, by what they are (may be Terraform tokens). */
export interface DeployTimeValues {
  /** The bucket's name (external object storage). */
  readonly bucketName?: string;
  /** The bucket's cloud identity: IRSA role ARN (AWS) or Google service account email (GCP). */
  readonly bucketIdentity?: string;
}

/** Properties of a {@link KustomizeRelease}. */
export interface KustomizeReleaseProps {
  /** The replica's rendered manifests (`renderKustomize(...).replica.yaml`). */
  readonly manifests: string;
  /** deploy-sourcegraph-k8s release, e.g. `7.2.1943`. */
  readonly releaseVersion: string;
  /** Namespace to install into; it must exist (see `ReplicaNamespace`) and match the manifests'. */
  readonly namespace: string;
  /**
   * Directory the generated chart is written to at synth (it becomes a
   * Terraform asset copied into the stack's output). Owned by this
   * construct: a directory holding anything but an earlier generated chart
   * is refused.
   */
  readonly chartDir: string;
  /** The deploy-time values the manifests' placeholders stand for. @default {} (the manifests must hold no placeholder) */
  readonly deployTime?: DeployTimeValues;
  /** Helm release name. @default 'sourcegraph' */
  readonly releaseName?: string;
  /** Install/upgrade timeout in seconds. @default 1200 (as the Helm path: `SOURCEGRAPH_RELEASE_TIMEOUT_SECONDS`) */
  readonly timeoutSeconds?: number;
  /** The Helm provider to use. @default the stack's default Helm provider */
  readonly provider?: TerraformProvider;
  /** What the release waits for and outlives on destroy (namespace, StorageClass, ingress controller, Secrets). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Kustomize replica's Sourcegraph, installed like the Helm one: the
 * rendered manifests as a generated local chart (generated-chart.ts) in one
 * `helm_release` with `wait` and the Helm path's timeout, so the install
 * order, the readiness wait and a complete uninstall are Helm's. Not atomic
 * and no cleanup on failure, like `SourcegraphRelease`: a failed install
 * stays for `kubectl describe`; `cdktf destroy` removes it all.
 */
export class KustomizeRelease extends Construct {
  /** The generated chart's version (`<release>-sgr.<digest>`): changes with the manifests, so a new render upgrades. */
  public readonly chartVersion: string;
  /** The chart directory as a Terraform asset. */
  public readonly chart: TerraformAsset;
  /** The `helm_release` resource. */
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: KustomizeReleaseProps) {
    super(scope, id);
    if (!isDnsLabel(props.namespace)) throw new Error(`KustomizeRelease: '${props.namespace}' is not a valid namespace name`);
    const settings = sourcegraphReleaseSettings('KustomizeRelease', props.releaseName ?? 'sourcegraph', props.timeoutSeconds);
    const deployTime: Record<string, string> = {};
    const given = props.deployTime ?? {};
    if (given.bucketName !== undefined) deployTime[DEPLOY_TIME_PLACEHOLDERS.bucket] = given.bucketName;
    if (given.bucketIdentity !== undefined) deployTime[DEPLOY_TIME_PLACEHOLDERS.bucketIdentity] = given.bucketIdentity;
    const missing = (Object.entries(DEPLOY_TIME_PLACEHOLDERS) as [keyof typeof DEPLOY_TIME_PLACEHOLDERS, string][]).filter(([, p]) => props.manifests.includes(p) && !(p in deployTime));
    if (missing.length > 0) {
      throw new Error(`KustomizeRelease: the manifests use ${missing.map(([, p]) => p).join(', ')} but deployTime gives no ${missing.map(([k]) => (k === 'bucket' ? 'bucketName' : k)).join(', ')}`);
    }
    const objects = parseRenderedManifests(props.manifests).objects;
    if (objects.length === 0) throw new Error('KustomizeRelease: the manifests hold no object');
    const foreign = [...new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => typeof n === 'string' && n !== props.namespace))];
    if (foreign.length > 0) throw new Error(`KustomizeRelease: the manifests put objects in namespace ${foreign.join(', ')}, not ${props.namespace}`);

    const chart = generatedChart(props.manifests, props.releaseVersion);
    const chartDir = resolve(props.chartDir);
    writeGeneratedChart(chartDir, chart);
    this.chartVersion = chart.version;
    this.chart = new TerraformAsset(this, 'chart', { path: chartDir, type: AssetType.DIRECTORY });
    this.release = new Release(this, 'release', {
      ...settings,
      chart: this.chart.path,
      version: chart.version,
      namespace: props.namespace,
      values: [renderValuesYaml({ deployTime })],
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
