/**
 * Generates lib/catalog/data/aws-instance-types.json, the EC2 instance type
 * catalog `sg-replica validate` checks node pools against.
 *
 *   npx tsx scripts/generate-aws-instance-types.ts [path-to-eni-max-pods.txt]
 *
 * The path defaults to ../shared/reference/aws/eni-max-pods.txt relative to
 * the repository root. To update: drop a newer eni-max-pods.txt from
 * https://github.com/awslabs/amazon-eks-ami (templates/shared/runtime/eni-max-pods.txt)
 * there, rerun, review the diff, commit the JSON. Add a row to FAMILIES to
 * cover a new instance family.
 *
 * Sources:
 * - maxPods: eni-max-pods.txt from awslabs/amazon-eks-ami, Copyright
 *   Amazon.com Inc. or its affiliates, licensed under the Apache License 2.0.
 *   It is the ENI-limited pod count without prefix delegation
 *   (ENIs * (IPv4 per ENI - 1) + 2) that the EKS AMIs give the kubelet.
 * - vCpu, memoryGiB, architecture: NOT in that file. Derived here from
 *   FAMILIES, which this script owns (values from the EC2 instance type pages).
 *
 * Rule: a type is emitted only if it appears in eni-max-pods.txt AND its
 * family is in FAMILIES AND its size can be resolved:
 * - vCPU by size: medium 1, large 2, xlarge 4, Nxlarge 4N, metal-Nxl 4N,
 *   metal = the family's largest non-metal size in the file (or the family's
 *   `metal` override); a family may list explicit sizes (burstable t types).
 *   Any other size (nano, micro, small outside t families) is skipped.
 * - memory: vCPU * the family's GiB per vCPU, unless the family lists the size.
 *
 * This file imports nothing but node built-ins so it runs with plain tsx.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Architecture = 'x86_64' | 'arm64';

/** vCPU and memory of one explicitly listed size. */
interface SizeSpec {
  readonly vCpu: number;
  readonly memoryGiB: number;
}

/** What this script knows about an instance family. */
export interface FamilySpec {
  readonly architecture: Architecture;
  /** Memory per vCPU for sizes derived by rule. */
  readonly memoryGiBPerVCpu?: number;
  /** Sizes whose vCPU and memory are listed instead of derived (wins over the rule). */
  readonly sizes?: Readonly<Record<string, SizeSpec>>;
}

const X86 = 'x86_64';
const ARM = 'arm64';

/** Burstable t3/t3a/t4g: 2 vCPU up to large, memory doubling per size. */
const BURSTABLE_SIZES: Readonly<Record<string, SizeSpec>> = {
  nano: { vCpu: 2, memoryGiB: 0.5 },
  micro: { vCpu: 2, memoryGiB: 1 },
  small: { vCpu: 2, memoryGiB: 2 },
  medium: { vCpu: 2, memoryGiB: 4 },
  large: { vCpu: 2, memoryGiB: 8 },
  xlarge: { vCpu: 4, memoryGiB: 16 },
  '2xlarge': { vCpu: 8, memoryGiB: 32 },
};

function ratio(architecture: Architecture, memoryGiBPerVCpu: number, sizes?: Record<string, SizeSpec>): FamilySpec {
  return { architecture, memoryGiBPerVCpu, sizes };
}

/**
 * Families sg-replica knows: general purpose (m, 4 GiB/vCPU), compute (c,
 * 2 GiB/vCPU), memory (r, 8 GiB/vCPU; x2idn 16), storage (i) and burstable (t).
 */
export const FAMILIES: Readonly<Record<string, FamilySpec>> = {
  // General purpose, 4 GiB per vCPU.
  m5: ratio(X86, 4), m5a: ratio(X86, 4), m5ad: ratio(X86, 4), m5d: ratio(X86, 4),
  m5dn: ratio(X86, 4), m5n: ratio(X86, 4),
  m6a: ratio(X86, 4), m6i: ratio(X86, 4), m6id: ratio(X86, 4), m6idn: ratio(X86, 4), m6in: ratio(X86, 4),
  m7a: ratio(X86, 4), m7i: ratio(X86, 4), 'm7i-flex': ratio(X86, 4),
  m8a: ratio(X86, 4), m8i: ratio(X86, 4), 'm8i-flex': ratio(X86, 4),
  m6g: ratio(ARM, 4), m6gd: ratio(ARM, 4), m7g: ratio(ARM, 4), m7gd: ratio(ARM, 4),
  m8g: ratio(ARM, 4), m8gd: ratio(ARM, 4),
  // Compute optimized, 2 GiB per vCPU (c5n: 2.625, with its two odd sizes listed).
  c5: ratio(X86, 2), c5a: ratio(X86, 2), c5ad: ratio(X86, 2), c5d: ratio(X86, 2),
  c5n: ratio(X86, 2.625, { '9xlarge': { vCpu: 36, memoryGiB: 96 }, '18xlarge': { vCpu: 72, memoryGiB: 192 }, metal: { vCpu: 72, memoryGiB: 192 } }),
  c6a: ratio(X86, 2), c6i: ratio(X86, 2), c6id: ratio(X86, 2), c6in: ratio(X86, 2),
  c7a: ratio(X86, 2), c7i: ratio(X86, 2), 'c7i-flex': ratio(X86, 2),
  c8a: ratio(X86, 2), c8i: ratio(X86, 2), 'c8i-flex': ratio(X86, 2),
  c6g: ratio(ARM, 2), c6gd: ratio(ARM, 2), c6gn: ratio(ARM, 2), c7g: ratio(ARM, 2), c7gd: ratio(ARM, 2),
  c7gn: ratio(ARM, 2), c8g: ratio(ARM, 2), c8gd: ratio(ARM, 2),
  // Memory optimized, 8 GiB per vCPU (x2idn 16).
  r5: ratio(X86, 8), r5a: ratio(X86, 8), r5ad: ratio(X86, 8), r5b: ratio(X86, 8), r5d: ratio(X86, 8),
  r5dn: ratio(X86, 8), r5n: ratio(X86, 8),
  r6a: ratio(X86, 8), r6i: ratio(X86, 8), r6id: ratio(X86, 8), r6idn: ratio(X86, 8), r6in: ratio(X86, 8),
  r7a: ratio(X86, 8), r7i: ratio(X86, 8), r7iz: ratio(X86, 8),
  r8a: ratio(X86, 8), r8i: ratio(X86, 8), 'r8i-flex': ratio(X86, 8),
  r6g: ratio(ARM, 8), r6gd: ratio(ARM, 8), r7g: ratio(ARM, 8), r7gd: ratio(ARM, 8),
  r8g: ratio(ARM, 8), r8gd: ratio(ARM, 8),
  x2idn: ratio(X86, 16),
  // Storage optimized: i3 7.625 GiB per vCPU (i3.xlarge 30.5), i3en/i4i 8.
  i3: ratio(X86, 7.625, { metal: { vCpu: 72, memoryGiB: 512 } }),
  i3en: ratio(X86, 8), i4i: ratio(X86, 8),
  // Burstable: sizes listed.
  t3: { architecture: X86, sizes: BURSTABLE_SIZES },
  t3a: { architecture: X86, sizes: BURSTABLE_SIZES },
  t4g: { architecture: ARM, sizes: BURSTABLE_SIZES },
};

/** One catalog row, as written to the JSON. */
export interface GeneratedInstanceType {
  readonly name: string;
  readonly vCpu: number;
  readonly memoryGiB: number;
  readonly maxPods: number;
  readonly architecture: Architecture;
  readonly family: string;
}

/** Parses eni-max-pods.txt: `<type> <max pods>` per line, `#` comments. */
export function parseEniMaxPods(text: string): Map<string, number> {
  const result = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(\S+)\s+(\d+)$/.exec(line);
    if (!match) throw new Error(`eni-max-pods.txt line ${index + 1}: expected "<instance type> <max pods>", got "${line}"`);
    result.set(match[1], Number(match[2]));
  });
  return result;
}

/** vCPU of a size by the naming rule, or undefined for sizes the rule does not cover. */
function vCpuBySizeName(size: string): number | undefined {
  if (size === 'medium') return 1;
  if (size === 'large') return 2;
  if (size === 'xlarge') return 4;
  const multiple = /^(\d+)xlarge$/.exec(size) ?? /^metal-(\d+)xl$/.exec(size);
  return multiple ? 4 * Number(multiple[1]) : undefined;
}

/** Splits `m7i-flex.2xlarge` into family and size at the first dot. */
function splitName(name: string): [string, string] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot + 1)];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Applies the rule in this file's header to every type in eni-max-pods.txt. */
export function generateAwsInstanceTypes(eniMaxPods: ReadonlyMap<string, number>): GeneratedInstanceType[] {
  // Largest non-metal vCPU count per family, for plain `metal` sizes.
  const largest = new Map<string, number>();
  for (const name of eniMaxPods.keys()) {
    const [family, size] = splitName(name);
    const spec = FAMILIES[family];
    if (!spec || size.startsWith('metal')) continue;
    const vCpu = spec.sizes?.[size]?.vCpu ?? vCpuBySizeName(size);
    if (vCpu !== undefined) largest.set(family, Math.max(largest.get(family) ?? 0, vCpu));
  }

  const types: GeneratedInstanceType[] = [];
  for (const [name, maxPods] of eniMaxPods) {
    const [family, size] = splitName(name);
    const spec = Object.prototype.hasOwnProperty.call(FAMILIES, family) ? FAMILIES[family] : undefined;
    if (!spec) continue;
    const listed = spec.sizes?.[size];
    let vCpu: number | undefined;
    let memoryGiB: number | undefined;
    if (listed) {
      ({ vCpu, memoryGiB } = listed);
    } else if (spec.memoryGiBPerVCpu !== undefined) {
      vCpu = size === 'metal' ? largest.get(family) : vCpuBySizeName(size);
      memoryGiB = vCpu === undefined ? undefined : vCpu * spec.memoryGiBPerVCpu;
    }
    if (vCpu === undefined || memoryGiB === undefined) continue;
    types.push({ name, vCpu, memoryGiB: round(memoryGiB), maxPods, architecture: spec.architecture, family });
  }
  return types.sort((a, b) => a.family.localeCompare(b.family) || a.vCpu - b.vCpu || a.name.localeCompare(b.name));
}

/** The committed JSON's exact text for a given eni-max-pods.txt. */
export function renderAwsInstanceTypesJson(eniMaxPodsText: string): string {
  const types = generateAwsInstanceTypes(parseEniMaxPods(eniMaxPodsText));
  const header = {
    generatedBy: 'scripts/generate-aws-instance-types.ts (do not edit by hand)',
    maxPodsSource:
      'eni-max-pods.txt from https://github.com/awslabs/amazon-eks-ami, Copyright Amazon.com Inc. or its affiliates, Apache License 2.0',
    derived: 'vCpu, memoryGiB and architecture come from the families table in the generator, not from eni-max-pods.txt',
  };
  const lines = Object.entries(header).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const rows = types.map((type) => `    ${JSON.stringify(type)}`);
  return ['{', ...lines, '  "types": [', rows.join(',\n'), '  ]', '}', ''].join('\n');
}

/** Repository root (this file lives in <root>/scripts). */
export const REPO_ROOT = resolve(__dirname, '..');
/** Default input: the shared reference copy next to the repository. */
export const DEFAULT_ENI_MAX_PODS = resolve(REPO_ROOT, '..', 'shared', 'reference', 'aws', 'eni-max-pods.txt');
/** Output, committed. */
export const OUTPUT = join(REPO_ROOT, 'lib', 'catalog', 'data', 'aws-instance-types.json');

if (require.main === module) {
  const input = resolve(process.argv[2] ?? DEFAULT_ENI_MAX_PODS);
  const json = renderAwsInstanceTypesJson(readFileSync(input, 'utf8'));
  writeFileSync(OUTPUT, json);
  const count = (json.match(/"name":/g) ?? []).length;
  process.stdout.write(`wrote ${count} instance types from ${input} to ${OUTPUT}\n`);
}
