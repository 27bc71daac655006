/**
 * The deployment methods (`sourcegraph.method`) as data: what a design's
 * `sourcegraph.version` means under each, the versions sg-replica has data
 * for, how messages, the CLI and the report name the release, and the fields
 * only one method uses. Pure; read by the design rules, the CLI and the
 * report instead of branching on the method's name.
 */
import { SOURCEGRAPH_CHART_VERSIONS } from '../catalog/chart-versions';
import { KUSTOMIZE_RELEASE_VERSIONS } from '../catalog/kustomize-releases';
import type { DeploymentMethod } from './model';

/** The `sourcegraph` fields that belong to one method. */
export type MethodField = 'overrides' | 'values' | 'overlay';

/** One deployment method. */
export interface DeploymentMethodFacts {
  readonly method: DeploymentMethod;
  /** e.g. `Helm`. */
  readonly label: string;
  /** What `sourcegraph.version` names, e.g. `chart version of sourcegraph/sourcegraph`. */
  readonly versionMeans: string;
  /** The versions sg-replica has data for, newest first. */
  readonly versions: readonly string[];
  /** Why a version without data is refused: `no chart data for this version (...)`. */
  readonly unknownVersion: string;
  /** The release as the CLI and the report name it: `chart sourcegraph 7.6.0`. */
  release(version: string): string;
  /** Whether Helm values (override files, inline values) make the release, and are checked against the chart's keys. */
  readonly helmValues: boolean;
  /** The fields this method requires. */
  readonly requires: readonly MethodField[];
  /** The fields this method refuses, each with why. */
  readonly refuses: Readonly<Partial<Record<MethodField, string>>>;
}

/** Every deployment method, Helm (the default) first. */
export const DEPLOYMENT_METHODS: Readonly<Record<DeploymentMethod, DeploymentMethodFacts>> = {
  helm: {
    method: 'helm',
    label: 'Helm',
    versionMeans: 'chart version of sourcegraph/sourcegraph',
    versions: SOURCEGRAPH_CHART_VERSIONS,
    unknownVersion: 'no chart data for this version (see docs/CHART-VERSIONS.md to add one)',
    release: (version) => `chart sourcegraph ${version}`,
    helmValues: true,
    requires: [],
    refuses: { overlay: 'a Kustomize overlay is only used with method: kustomize (Helm customers hand over override files: sourcegraph.overrides)' },
  },
  kustomize: {
    method: 'kustomize',
    label: 'Kustomize',
    versionMeans: 'deploy-sourcegraph-k8s release',
    versions: KUSTOMIZE_RELEASE_VERSIONS,
    unknownVersion: 'no data for this deploy-sourcegraph-k8s release (a release needs its facts in lib/kustomize/releases.ts)',
    release: (version) => `deploy-sourcegraph-k8s ${version} (Kustomize)`,
    helmValues: false,
    requires: ['overlay'],
    refuses: {
      overrides: "Helm override files do not apply to a Kustomize deployment: the customer's changes are in the overlay (sourcegraph.overlay)",
      values: "Helm values do not apply to a Kustomize deployment: the customer's changes are in the overlay (sourcegraph.overlay)",
    },
  },
};

/** Every method name, the default first. */
export const DEPLOYMENT_METHOD_NAMES = Object.keys(DEPLOYMENT_METHODS) as readonly DeploymentMethod[];
