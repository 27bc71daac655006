/**
 * GCP regions sg-replica deploys GKE replicas to, with their zones.
 *
 * Zone letters are the same for every project (unlike AWS), but not every
 * region has zone `a` (us-central1 has a, b, c, f; us-east1 and europe-west1
 * have b, c, d). A design may still name zones with `network.availabilityZones`.
 * Add a region by adding a row.
 */

/** One GCP region. */
export interface GcpRegion {
  /** Region name, e.g. `us-central1`. */
  readonly name: string;
  /** The region's zones, in the order used when a design does not name them. */
  readonly zones: readonly string[];
}

function region(name: string, letters: string): GcpRegion {
  return Object.freeze({ name, zones: Object.freeze([...letters].map((letter) => `${name}-${letter}`)) });
}

const REGIONS: readonly GcpRegion[] = [
  region('us-central1', 'abcf'),
  region('us-east1', 'bcd'),
  region('us-east4', 'abc'),
  region('us-east5', 'abc'),
  region('us-west1', 'abc'),
  region('us-west2', 'abc'),
  region('us-west4', 'abc'),
  region('northamerica-northeast1', 'abc'),
  region('southamerica-east1', 'abc'),
  region('europe-west1', 'bcd'),
  region('europe-west2', 'abc'),
  region('europe-west3', 'abc'),
  region('europe-west4', 'abc'),
  region('europe-north1', 'abc'),
  region('asia-south1', 'abc'),
  region('asia-southeast1', 'abc'),
  region('asia-northeast1', 'abc'),
  region('australia-southeast1', 'abc'),
];

const BY_NAME: ReadonlyMap<string, GcpRegion> = new Map(REGIONS.map((entry) => [entry.name, entry]));

/** The region called `name`, or undefined if sg-replica does not know it. */
export function gcpRegion(name: string): GcpRegion | undefined {
  return BY_NAME.get(name);
}

/** Every region name in the catalog. */
export function gcpRegionNames(): readonly string[] {
  return REGIONS.map((entry) => entry.name);
}
