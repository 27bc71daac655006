/**
 * Every PersistentVolumeClaim and StatefulSet volumeClaimTemplate the chart
 * renders uses the replica's StorageClass (so its disk is of the design's
 * type, encrypted, and deleted with the replica) and asks for a size the
 * disk type can provision (`MIN_VOLUME_BYTES`..`MAX_VOLUME_BYTES`).
 */
import { MAX_VOLUME_BYTES, MIN_VOLUME_BYTES } from '../sizing/disk-limits';
import { DiskType } from '../design/model';
import { formatStorage, GIB, parseBytes } from '../sizing/quantity';
import { RenderedObject } from './helm-template';
import { podTemplates } from './pod-templates';
import { RenderFinding } from './render-finding';

/** A claim as rendered: a PVC or a volumeClaimTemplate of a StatefulSet. */
interface Claim {
  readonly object: string;
  readonly spec: { readonly storageClassName?: unknown; readonly resources?: { readonly requests?: { readonly storage?: unknown } } };
}

function claims(objects: readonly RenderedObject[]): Claim[] {
  const out: Claim[] = objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => ({ object: `PersistentVolumeClaim/${o.metadata.name}`, spec: (o.spec ?? {}) as Claim['spec'] }));
  for (const pod of podTemplates(objects)) {
    for (const t of pod.volumeClaimTemplates) out.push({ object: `${pod.owner} volumeClaimTemplate ${t.metadata?.name ?? '?'}`, spec: (t.spec ?? {}) as Claim['spec'] });
  }
  return out;
}

/** Claims on another StorageClass than `storageClassName`, or too small or too large for `diskType`. */
export function checkVolumes(objects: readonly RenderedObject[], storageClassName: string, diskType: DiskType): RenderFinding[] {
  const findings: RenderFinding[] = [];
  const min = MIN_VOLUME_BYTES[diskType];
  const max = MAX_VOLUME_BYTES[diskType];
  for (const claim of claims(objects)) {
    const sc = claim.spec.storageClassName;
    if (sc !== storageClassName) {
      findings.push({
        severity: 'error',
        check: 'volumes',
        object: claim.object,
        message: sc === undefined ? `has no storageClassName: it would use the cluster's default class, not the replica's "${storageClassName}"` : `uses StorageClass ${JSON.stringify(sc)}, not the replica's "${storageClassName}"`,
      });
    }
    const size = claim.spec.resources?.requests?.storage;
    let bytes: number;
    try {
      bytes = parseBytes(size, 'storage');
    } catch {
      findings.push({ severity: 'error', check: 'volumes', object: claim.object, message: `requests storage ${JSON.stringify(size)}, which is not a size` });
      continue;
    }
    if (bytes < min) {
      findings.push({ severity: 'error', check: 'volumes', object: claim.object, message: `requests ${JSON.stringify(size)}; a ${diskType} volume is at least ${min / GIB} GiB, so it would never provision` });
    } else if (bytes > max) {
      findings.push({ severity: 'error', check: 'volumes', object: claim.object, message: `requests ${formatStorage(bytes)}; a ${diskType} volume holds at most ${formatStorage(max)}` });
    }
  }
  return findings;
}
