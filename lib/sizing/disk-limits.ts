/**
 * Smallest and largest single volume per disk type. Data.
 * Sources: docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
 * (gp3, gp2: 1 GiB to 16 TiB; io2 Block Express: 4 GiB to 64 TiB; a smaller
 * io2 claim fails to provision, kubernetes-sigs/aws-ebs-csi-driver#2162);
 * cloud.google.com/compute/docs/disks#pdspecs (pd-ssd, pd-balanced: 10 GiB
 * to 64 TiB).
 */
import { DiskType } from '../design/model';
import { GIB } from './quantity';

/** Maximum size of one persistent volume, bytes. */
export const MAX_VOLUME_BYTES: Readonly<Record<DiskType, number>> = {
  gp3: 16 * 1024 * GIB,
  gp2: 16 * 1024 * GIB,
  io2: 64 * 1024 * GIB,
  'pd-ssd': 64 * 1024 * GIB,
  'pd-balanced': 64 * 1024 * GIB,
};

/** Minimum size of one persistent volume, bytes: a smaller claim does not provision (or not at the size asked). */
export const MIN_VOLUME_BYTES: Readonly<Record<DiskType, number>> = {
  gp3: 1 * GIB,
  gp2: 1 * GIB,
  io2: 4 * GIB,
  'pd-ssd': 10 * GIB,
  'pd-balanced': 10 * GIB,
};
