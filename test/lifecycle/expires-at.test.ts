import { formatAge, formatIsoMinute, parseExpiresAt } from '../../lib/lifecycle/expires-at';
import { gcpLabelValue } from '../../lib/replica/gcp-labels';

describe('parseExpiresAt', () => {
  it('reads the AWS tag spelling (ISO minute)', () => {
    expect(parseExpiresAt('2026-11-30T05:56Z')).toEqual(new Date('2026-11-30T05:56:00Z'));
  });

  it('reads the GCP label spelling (lowercase, _ for :)', () => {
    expect(parseExpiresAt('2026-11-30t05_56z')).toEqual(new Date('2026-11-30T05:56:00Z'));
  });

  it('reads back exactly what gcpLabelValue writes', () => {
    expect(parseExpiresAt(gcpLabelValue('2026-01-04T09:00Z'))).toEqual(new Date('2026-01-04T09:00:00Z'));
  });

  it('accepts seconds in either spelling', () => {
    expect(parseExpiresAt('2026-11-30T05:56:30Z')).toEqual(new Date('2026-11-30T05:56:30Z'));
    expect(parseExpiresAt('2026-11-30t05_56_30z')).toEqual(new Date('2026-11-30T05:56:30Z'));
  });

  it.each(['', 'never', '2026-11-30', '2026-11-30T05:56', '2026-11-30T05:56+01:00', '2026-13-01T00:00Z', '2026-02-30T00:00Z', '2026-11-30T25:00Z'])(
    'refuses %j',
    (value) => {
      expect(parseExpiresAt(value)).toBeUndefined();
    },
  );
});

describe('formatIsoMinute / formatAge', () => {
  it('formats like the tags', () => {
    expect(formatIsoMinute(new Date('2026-11-30T05:56:42.123Z'))).toBe('2026-11-30T05:56Z');
  });

  it('gives coarse ages', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect(formatAge(new Date('2026-12-03T09:15:00Z'), now)).toBe('45m');
    expect(formatAge(new Date('2026-12-03T04:57:00Z'), now)).toBe('5h 3m');
    expect(formatAge(new Date('2026-11-30T06:00:00Z'), now)).toBe('3d 4h');
    expect(formatAge(new Date('2026-12-04T00:00:00Z'), now)).toBe('0m');
  });
});
