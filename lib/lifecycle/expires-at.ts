/**
 * Reading a replica's `expires-at` tag or label back into a time. Pure.
 *
 * AWS tags carry the ISO minute as written (`2026-11-30T05:56Z`); GCP labels
 * carry it sanitized to label rules (`2026-11-30t05_56z`: lowercase, `:`
 * replaced by `_`). Both spellings, with or without seconds, are read.
 */

const EXPIRES_AT = /^(\d{4})-(\d{2})-(\d{2})t(\d{2})[:_](\d{2})(?:[:_](\d{2}))?z$/;

/**
 * The time an `expires-at` tag or label value names, or `undefined` when the
 * value is not one of the two spellings or names no real time (month 13,
 * 25 o'clock...).
 */
export function parseExpiresAt(value: string): Date | undefined {
  const m = EXPIRES_AT.exec(value.trim().toLowerCase());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute;
  return roundTrips ? date : undefined;
}

/** A time as the ISO minute the tags use: `2026-11-30T05:56Z`. */
export function formatIsoMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

/** How long ago `then` was, coarsely: `45m`, `5h 3m`, `3d 4h`. Negative spans read as `0m`. */
export function formatAge(then: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes % 60}m`;
  return `${minutes}m`;
}
