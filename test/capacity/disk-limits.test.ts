import { MAX_VOLUME_BYTES } from '../../lib/capacity/disk-limits';

test('largest volumes: gp3 and gp2 16 TiB, io2 and persistent disks 64 TiB', () => {
  const TiB = 2 ** 40;
  expect(MAX_VOLUME_BYTES).toEqual({ gp3: 16 * TiB, gp2: 16 * TiB, io2: 64 * TiB, 'pd-ssd': 64 * TiB, 'pd-balanced': 64 * TiB });
});
