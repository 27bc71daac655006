/**
 * Limits on what sg-replica reads: far above any real design or Helm values
 * file (the chart's own complete values.yaml is 59 KB, 1,362 lines, nested 7
 * deep), and low enough that the worst input within them is answered in well
 * under a second. Checked first, before anything else looks at the input, and
 * reported like any other problem. docs/DESIGN-FILE.md ("Input limits") lists
 * them.
 */
export interface InputLimits {
  /** Largest design or override file, bytes. */
  readonly fileBytes: number;
  /** Deepest nesting of maps and lists (the top-level map is depth 1). */
  readonly depth: number;
  /** Most keys in one map. */
  readonly keysPerMap: number;
  /** Most items in one list. */
  readonly itemsPerList: number;
  /** Longest string, in characters (a key or a value). */
  readonly stringLength: number;
  /** Most values in one document, counting every map, list and scalar, YAML aliases expanded. */
  readonly values: number;
}

export const INPUT_LIMITS: InputLimits = {
  fileBytes: 128 * 1024,
  depth: 64,
  keysPerMap: 1000,
  itemsPerList: 1000,
  stringLength: 64 * 1024,
  values: 10_000,
};

/** Most problems the limit checks report for one file; the rest are counted in one last problem. */
export const MAX_LIMIT_PROBLEMS = 50;

/**
 * Bounds of the capacity simulation, so that its cost never depends on an
 * absurd number (`replicaCount: 2147483648` used to run it out of memory):
 * the replicas of one workload (Sourcegraph's largest published size runs a
 * handful per service), and the pods of the whole release. With at most 20
 * pools of 100 nodes (the schema's limits), the simulation stays under a
 * second in the worst case.
 */
export const SIMULATION_LIMITS = {
  replicasPerWorkload: 200,
  pods: 2000,
} as const;
