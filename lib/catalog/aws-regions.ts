/**
 * AWS regions sg-replica deploys to and the availability zones it spreads an
 * EKS cluster over by default.
 *
 * Availability zone *names* (the letter) are mapped to physical zones per
 * account in the older regions, and some zones lack EKS control-plane
 * capacity or are closed to new accounts. This catalog holds common defaults
 * that work in most accounts; a design whose account differs names its zones
 * explicitly with `network.availabilityZones`. Zones known to be unusable for
 * EKS are left out and said so in `note`.
 *
 * Regions: the default-enabled (non opt-in) regions that EKS's
 * eni-max-pods.txt was computed against. Add a region by adding a row.
 */

/** One AWS region. */
export interface AwsRegion {
  /** Region code, e.g. `us-east-2`. */
  readonly name: string;
  /** Zone names used when a design does not name its zones, in order of preference. */
  readonly availabilityZones: readonly string[];
  /** What is special about the region's zones, if anything. */
  readonly note?: string;
}

function region(name: string, letters: string, note?: string): AwsRegion {
  const availabilityZones = Object.freeze([...letters].map((letter) => `${name}${letter}`));
  return Object.freeze(note ? { name, availabilityZones, note } : { name, availabilityZones });
}

const REGIONS: readonly AwsRegion[] = [
  region('us-east-1', 'abcdf', 'us-east-1e is left out: EKS commonly refuses it for lack of capacity (zone ID use1-az3 is unsupported).'),
  region('us-east-2', 'abc'),
  region(
    'us-west-1',
    'ac',
    'Accounts see only two of the three zones (usw1-az2 lacks EKS capacity) and the letters differ per account: name them with network.availabilityZones if us-west-1a or us-west-1c is refused.',
  ),
  region('us-west-2', 'abcd'),
  region('ca-central-1', 'abd', 'There is no ca-central-1c. EKS does not support zone ID cac1-az3: name zones explicitly if one of these letters maps to it.'),
  region('sa-east-1', 'abc'),
  region('eu-west-1', 'abc'),
  region('eu-west-2', 'abc'),
  region('eu-west-3', 'abc'),
  region('eu-central-1', 'abc'),
  region('eu-north-1', 'abc'),
  region('ap-south-1', 'abc'),
  region('ap-southeast-1', 'abc'),
  region('ap-southeast-2', 'abc'),
  region('ap-northeast-1', 'acd', 'ap-northeast-1b is closed to new accounts.'),
  region('ap-northeast-2', 'abcd'),
  region('ap-northeast-3', 'abc'),
];

const BY_NAME: ReadonlyMap<string, AwsRegion> = new Map(REGIONS.map((entry) => [entry.name, entry]));

/** The region called `name`, or undefined if sg-replica does not know it. */
export function awsRegion(name: string): AwsRegion | undefined {
  return BY_NAME.get(name);
}

/** Every region code in the catalog. */
export function awsRegionNames(): readonly string[] {
  return REGIONS.map((entry) => entry.name);
}
