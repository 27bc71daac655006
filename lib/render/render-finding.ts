/**
 * What a check of a rendered release found. Pure data.
 */

/** The checks run on a rendered release (see lib/render/check-*.ts). */
export type RenderCheckId = 'render' | 'schema' | 'volumes' | 'references' | 'external-services' | 'placement' | 'capacity-model';

/** One finding about the rendered objects. */
export interface RenderFinding {
  /** `error`: the release would not install or not work as designed; `warning`: it works, with a caveat; `info`: not checked, and why. */
  readonly severity: 'error' | 'warning' | 'info';
  readonly check: RenderCheckId;
  /** The object, `Kind/name` (or `Kind/name container c`), when one is to blame. */
  readonly object?: string;
  /** One sentence with the values involved. */
  readonly message: string;
}

/** `check: Kind/name: message` */
export function formatRenderFinding(f: RenderFinding): string {
  return `${f.severity === 'info' ? 'note' : f.severity}: render ${f.check}: ${f.object ? `${f.object}: ` : ''}${f.message}`;
}
