import { MAX_VOLUME_BYTES, MIN_VOLUME_BYTES } from '../../lib/sizing/disk-limits';

test('largest volumes: gp3 and gp2 16 TiB, io2 and persistent disks 64 TiB', () => {
  const TiB = 2 ** 40;
  expect(MAX_VOLUME_BYTES).toEqual({ gp3: 16 * TiB, gp2: 16 * TiB, io2: 64 * TiB, 'pd-ssd': 64 * TiB, 'pd-balanced': 64 * TiB });
});

test('smallest volumes: gp3 and gp2 1 GiB, io2 4 GiB, persistent disks 10 GiB', () => {
  const GiB = 2 ** 30;
  expect(MIN_VOLUME_BYTES).toEqual({ gp3: 1 * GiB, gp2: 1 * GiB, io2: 4 * GiB, 'pd-ssd': 10 * GiB, 'pd-balanced': 10 * GiB });
});
