/**
 * Kubernetes resource quantities (`500m`, `2`, `4Gi`, `8G`), parsed the way
 * the API server reads them, and formatted for people. Pure.
 *
 * Source: k8s.io/apimachinery/pkg/api/resource (Quantity): binary suffixes
 * Ki Mi Gi Ti Pi Ei, decimal suffixes n u m k M G T P E, and exponents (`1e3`).
 */

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the latter backtracks quadratically on a long run of digits.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** One GiB in bytes. */
export const GIB = 2 ** 30;
/** One MiB in bytes. */
export const MIB = 2 ** 20;

/**
 * The value of a quantity in base units (cores for CPU, bytes for memory and
 * storage). Numbers are taken as they are (YAML `cpu: 2`).
 *
 * @throws Error naming `where` when the value is not a Kubernetes quantity.
 */
export function parseQuantity(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.length <= MAX_QUANTITY_LENGTH) {
    const m = QUANTITY.exec(value.trim());
    if (m) {
      const n = Number(m[1]);
      const result = m[2] !== undefined ? n * (BINARY[m[2]] ?? DECIMAL[m[2]]) : m[3] !== undefined ? n * 10 ** Number(m[3]) : n;
      if (Number.isFinite(result)) return result;
    }
  }
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value) : typeof value === 'number' ? String(value) : Array.isArray(value) ? 'a list' : value === null || value === undefined ? 'nothing' : typeof value === 'object' ? 'a map' : typeof value;
  throw new Error(`${where}: ${shown} is not a Kubernetes quantity (e.g. 500m, 2, 4Gi, 8G)`);
}

/** Longest text read as a quantity (Kubernetes' own parser refuses far shorter ones). */
const MAX_QUANTITY_LENGTH = 64;

function notNegative(amount: number, value: unknown, where: string): number {
  if (amount < 0) throw new Error(`${where}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)} is negative; Kubernetes takes requests, limits and sizes of 0 or more`);
  return amount;
}

/** CPU quantity in millicores, rounded up as Kubernetes does (`0.0005` is 1m). @throws Error for a negative amount. */
export function parseCpuMillis(value: unknown, where: string): number {
  return notNegative(Math.ceil(parseQuantity(value, where) * 1000 - 1e-9), value, where);
}

/** Memory or storage quantity in bytes, rounded up. @throws Error for a negative amount. */
export function parseBytes(value: unknown, where: string): number {
  return notNegative(Math.ceil(parseQuantity(value, where) - 1e-6), value, where);
}

function trimmed(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** `4.5 vCPU`, `250m` shown as `0.25 vCPU`. */
export function formatCpu(millis: number): string {
  return `${trimmed(millis / 1000, 2)} vCPU`;
}

/** Bytes as GiB with up to two decimals, or MiB below 1 GiB: `7.45 GiB`, `512 MiB`. */
export function formatMemory(bytes: number): string {
  if (Math.abs(bytes) < GIB) return `${trimmed(bytes / MIB, 0)} MiB`;
  return `${trimmed(bytes / GIB, 2)} GiB`;
}

/** Bytes as whole GiB (storage sizes): `200 GiB`, or TiB from 10 TiB up. */
export function formatStorage(bytes: number): string {
  const gib = bytes / GIB;
  if (gib >= 10 * 1024) return `${trimmed(gib / 1024, 1)} TiB`;
  return `${trimmed(gib, 1)} GiB`;
}
