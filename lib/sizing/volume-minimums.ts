/**
 * Volumes below the disk type's minimum size (`MIN_VOLUME_BYTES`): io2
 * volumes are at least 4 GiB, persistent disks on GCP 10 GiB, so the
 * chart's 2Gi grafana volume would never provision on them and the release
 * would time out. sg-replica raises such sizes in the values it generates
 * and refuses override files that set one. Pure.
 */
import { MIN_VOLUME_BYTES } from './disk-limits';
import { Design, DiskType } from '../design/model';
import { HelmValues, isValuesMap, mergeValues } from '../helm/merge-values';
import { chartDefaults } from './chart-defaults';
import { codebaseStorageValues } from './codebase';
import { CHART_WORKLOADS } from './data/chart-workloads';
import { GIB, parseBytes } from './quantity';
import { sizePresetValues } from './size-presets';
import { valueAt } from './workloads';

/** One volume size raised to the disk type's minimum. */
export interface RaisedVolume {
  /** Dotted values key of the size, e.g. `grafana.storageSize`. */
  readonly sizeKey: string;
  /** The size before, e.g. `2Gi`. */
  readonly from: string;
  /** The size after, e.g. `4Gi`. */
  readonly to: string;
}

/** Every volume size key of a chart version, with the size its template falls back to. */
function volumeSizeKeys(chartVersion: string): { sizeKey: string; fallbackSize?: string }[] {
  const specs = CHART_WORKLOADS[chartVersion] ?? [];
  return specs.flatMap((spec) => (spec.volumes ?? []).map((v) => ({ sizeKey: v.sizeKey, fallbackSize: v.fallbackSize })));
}

function minimumText(diskType: DiskType): string {
  return `${MIN_VOLUME_BYTES[diskType] / GIB}Gi`;
}

/**
 * The volume sizes of `values` (the release's values over the chart's
 * defaults) that are below `diskType`'s minimum, each with the minimum.
 * Sizes that are not quantities are left to the other checks.
 */
export function volumesBelowMinimum(values: Readonly<HelmValues>, diskType: DiskType, chartVersion: string): RaisedVolume[] {
  const min = MIN_VOLUME_BYTES[diskType];
  const out: RaisedVolume[] = [];
  for (const { sizeKey, fallbackSize } of volumeSizeKeys(chartVersion)) {
    const given = valueAt(values, sizeKey) ?? fallbackSize;
    if (given === undefined || given === '') continue;
    let bytes: number;
    try {
      bytes = parseBytes(given, sizeKey);
    } catch {
      continue;
    }
    if (bytes < min) out.push({ sizeKey, from: String(given), to: minimumText(diskType) });
  }
  return out;
}

/**
 * A values layer that raises every volume of `base` (the chart's defaults
 * and the layers so far) below `diskType`'s minimum to the minimum, e.g.
 * `{grafana: {storageSize: '4Gi'}}` on io2.
 */
export function minimumVolumeValues(base: Readonly<HelmValues>, diskType: DiskType, chartVersion: string): HelmValues {
  const out: HelmValues = {};
  for (const raised of volumesBelowMinimum(base, diskType, chartVersion)) {
    const path = raised.sizeKey.split('.');
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (!isValuesMap(node[part])) node[part] = {};
      node = node[part] as HelmValues;
    }
    node[path[path.length - 1]] = raised.to;
  }
  return out;
}

/** A volume size in one values layer below the disk type's minimum; a `KeyProblem` (lib/chart) in shape. */
export interface VolumeMinimumProblem {
  readonly severity: 'error';
  readonly path: readonly string[];
  readonly message: string;
  readonly got: string;
}

/**
 * Volume sizes set in one values layer (an override file, the inline values)
 * that are below `diskType`'s minimum: errors, because such a claim never
 * provisions and the release times out.
 */
export function volumeMinimumProblems(layer: unknown, diskType: DiskType, chartVersion: string): VolumeMinimumProblem[] {
  if (!isValuesMap(layer)) return [];
  const min = MIN_VOLUME_BYTES[diskType];
  const out: VolumeMinimumProblem[] = [];
  for (const { sizeKey } of volumeSizeKeys(chartVersion)) {
    const given = valueAt(layer, sizeKey);
    if (given === undefined || given === '') continue;
    // A size without a unit is the shape check's to report (lib/chart/value-shapes.ts).
    if (typeof given === 'number' || (typeof given === 'string' && /^\d+(\.\d+)?$/.test(given.trim()))) continue;
    let bytes: number;
    try {
      bytes = parseBytes(given, sizeKey);
    } catch {
      continue;
    }
    if (bytes < min) {
      out.push({
        severity: 'error',
        path: sizeKey.split('.'),
        message: `below the ${diskType} minimum of ${minimumText(diskType)}: the volume would never provision and the release would time out (use at least ${minimumText(diskType)})`,
        got: JSON.stringify(given),
      });
    }
  }
  return out;
}

/**
 * The volumes sg-replica raises for `design` (over the chart's defaults, the
 * size preset and the codebase sizing): what the report lists.
 */
export function designRaisedVolumes(design: Design): RaisedVolume[] {
  const sg = design.sourcegraph;
  const preset = sizePresetValues(sg.size, sg.version);
  const base = mergeValues(chartDefaults(sg.version), preset);
  const codebase = sg.codebase ? codebaseStorageValues(sg.codebase, base) : {};
  return volumesBelowMinimum(mergeValues(base, codebase), design.storage.diskType, sg.version);
}
