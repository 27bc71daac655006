/**
 * GCE machine types sg-replica accepts for GKE node pools: vCPU, memory and
 * architecture, built from a compact per-series table (memory per vCPU and
 * the vCPU counts GCE offers) plus the few types that break the ratio.
 *
 * Source: cloud.google.com/compute/docs/general-purpose-machines and
 * compute-optimized-machines (GCE's "GB" of memory are GiB). Add a series or
 * size by editing SERIES.
 */

/** GKE's default maximum pods per node for Standard clusters (each node gets a /24 of the pod range). */
export const GKE_DEFAULT_MAX_PODS_PER_NODE = 110;

/** One GCE machine type. */
export interface GceMachineType {
  /** Machine type name, e.g. `n2-standard-8`. */
  readonly name: string;
  /** vCPUs; for shared-core types, the vCPUs the VM sees (bursting). */
  readonly vCpu: number;
  readonly memoryGiB: number;
  readonly architecture: 'x86_64' | 'arm64';
  /** Machine series, e.g. `n2`. */
  readonly series: string;
  /** Shared-core (e2-micro/small/medium): the VM gets a fraction of its vCPUs sustained. */
  readonly sharedCore: boolean;
}

interface Shape {
  /** GiB per vCPU. */
  readonly ratio: number;
  readonly vCpus: readonly number[];
}

interface Series {
  readonly architecture: 'x86_64' | 'arm64';
  /** Machine type shapes: `standard`, `highmem`, `highcpu`. */
  readonly shapes: Readonly<Record<string, Shape>>;
}

const N2_SIZES = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128];
const N2D_SIZES = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224];
const N1_SIZES = [2, 4, 8, 16, 32, 64, 96];
const C3_SIZES = [4, 8, 22, 44, 88, 176];
const C3D_SIZES = [4, 8, 16, 30, 60, 90, 180, 360];
const N4_SIZES = [2, 4, 8, 16, 32, 48, 64, 80];
const C2D_SIZES = [2, 4, 8, 16, 32, 56, 112];

const SERIES: Readonly<Record<string, Series>> = {
  e2: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: [2, 4, 8, 16, 32] },
      highmem: { ratio: 8, vCpus: [2, 4, 8, 16] },
      highcpu: { ratio: 1, vCpus: [2, 4, 8, 16, 32] },
    },
  },
  n1: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 3.75, vCpus: [1, ...N1_SIZES] },
      highmem: { ratio: 6.5, vCpus: N1_SIZES },
      highcpu: { ratio: 0.9, vCpus: N1_SIZES },
    },
  },
  n2: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: N2_SIZES },
      highmem: { ratio: 8, vCpus: N2_SIZES },
      highcpu: { ratio: 1, vCpus: N2_SIZES.filter((n) => n <= 96) },
    },
  },
  n2d: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: N2D_SIZES },
      highmem: { ratio: 8, vCpus: N2D_SIZES.filter((n) => n <= 96) },
      highcpu: { ratio: 1, vCpus: N2D_SIZES },
    },
  },
  n4: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: N4_SIZES },
      highmem: { ratio: 8, vCpus: N4_SIZES },
      highcpu: { ratio: 2, vCpus: N4_SIZES },
    },
  },
  c2: { architecture: 'x86_64', shapes: { standard: { ratio: 4, vCpus: [4, 8, 16, 30, 60] } } },
  c2d: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: C2D_SIZES },
      highmem: { ratio: 8, vCpus: C2D_SIZES },
      highcpu: { ratio: 2, vCpus: C2D_SIZES },
    },
  },
  c3: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: C3_SIZES },
      highmem: { ratio: 8, vCpus: C3_SIZES },
      highcpu: { ratio: 2, vCpus: C3_SIZES },
    },
  },
  c3d: {
    architecture: 'x86_64',
    shapes: {
      standard: { ratio: 4, vCpus: C3D_SIZES },
      highmem: { ratio: 8, vCpus: C3D_SIZES },
      highcpu: { ratio: 2, vCpus: C3D_SIZES },
    },
  },
  t2d: { architecture: 'x86_64', shapes: { standard: { ratio: 4, vCpus: [1, 2, 4, 8, 16, 32, 48, 60] } } },
  t2a: { architecture: 'arm64', shapes: { standard: { ratio: 4, vCpus: [1, 2, 4, 8, 16, 32, 48] } } },
};

/** Types whose memory breaks their shape's ratio. */
const MEMORY_EXCEPTIONS: Readonly<Record<string, number>> = {
  'n2-highmem-128': 864,
};

/** E2 shared-core types. */
const SHARED_CORE: readonly Omit<GceMachineType, 'architecture' | 'series' | 'sharedCore'>[] = [
  { name: 'e2-micro', vCpu: 2, memoryGiB: 1 },
  { name: 'e2-small', vCpu: 2, memoryGiB: 2 },
  { name: 'e2-medium', vCpu: 2, memoryGiB: 4 },
];

let byName: ReadonlyMap<string, GceMachineType> | undefined;

function index(): ReadonlyMap<string, GceMachineType> {
  if (byName) return byName;
  const types = new Map<string, GceMachineType>();
  for (const shared of SHARED_CORE) {
    types.set(shared.name, Object.freeze({ ...shared, architecture: 'x86_64', series: 'e2', sharedCore: true }));
  }
  for (const [series, spec] of Object.entries(SERIES)) {
    for (const [shape, { ratio, vCpus }] of Object.entries(spec.shapes)) {
      for (const vCpu of vCpus) {
        const name = `${series}-${shape}-${vCpu}`;
        const memoryGiB = MEMORY_EXCEPTIONS[name] ?? Math.round(vCpu * ratio * 100) / 100;
        types.set(name, Object.freeze({ name, vCpu, memoryGiB, architecture: spec.architecture, series, sharedCore: false }));
      }
    }
  }
  byName = types;
  return types;
}

/** The machine type called `name`, or undefined if the catalog does not know it. */
export function gceMachineType(name: string): GceMachineType | undefined {
  return index().get(name);
}

/** Every machine type name in the catalog. */
export function gceMachineTypeNames(): readonly string[] {
  return [...index().keys()];
}

/**
 * Machine series that attach only Hyperdisk, no Persistent Disk: their boot
 * disk must be `hyperdisk-balanced`, and pd-* StorageClass volumes cannot
 * attach to them.
 */
export const HYPERDISK_ONLY_SERIES: readonly string[] = ['n4', 'n4a', 'n4d', 'c4', 'c4a', 'c4d', 'x4'];
