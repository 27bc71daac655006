/**
 * Largest single volume per disk type. Data.
 * Sources: docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
 * (gp3, gp2 16 TiB; io2 Block Express 64 TiB);
 * cloud.google.com/compute/docs/disks#pdspecs (pd-ssd, pd-balanced 64 TiB).
 */
import { DiskType } from '../design/model';
import { GIB } from '../sizing/quantity';

/** Maximum size of one persistent volume, bytes. */
export const MAX_VOLUME_BYTES: Readonly<Record<DiskType, number>> = {
  gp3: 16 * 1024 * GIB,
  gp2: 16 * 1024 * GIB,
  io2: 64 * 1024 * GIB,
  'pd-ssd': 64 * 1024 * GIB,
  'pd-balanced': 64 * 1024 * GIB,
};
