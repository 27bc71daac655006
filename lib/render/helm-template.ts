/**
 * Runs the real `helm template` on an unpacked chart with a values document
 * and returns the rendered Kubernetes objects. Asynchronous, so several
 * renders run side by side.
 */
import { execFile } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { HelmValues, renderValuesYaml } from '../helm/merge-values';

/** A rendered Kubernetes object, with the template it came from. */
export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** What one `helm template` run renders. */
export interface HelmTemplateRequest {
  /** The helm binary. */
  readonly helm: string;
  /** Unpacked chart directory. */
  readonly chartDir: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: Readonly<HelmValues>;
  /** Kubernetes version for `.Capabilities.KubeVersion`, e.g. `1.33`. @default helm's own default */
  readonly kubeVersion?: string;
  /** @default 60_000 */
  readonly timeoutMs?: number;
}

/** `helm template` failed; the message carries helm's own error. */
export class HelmTemplateError extends Error {
  constructor(
    readonly chart: string,
    readonly stderr: string,
  ) {
    super(`helm template ${chart} failed: ${stderr.trim().split('\n').filter((l) => !/^Use --debug/.test(l) && l.trim() !== '').join(' ')}`);
    this.name = 'HelmTemplateError';
  }
}

/** The `# Source:` template of each document, where helm wrote one. */
export interface ParsedRender {
  readonly objects: readonly RenderedObject[];
  /** Helm's own warnings (stderr), e.g. `coalesce.go: warning: skipped value for extraResources: Not a table`. */
  readonly warnings?: readonly string[];
  /** `Kind/name` to template path, e.g. `Deployment/sourcegraph-frontend` -> `sourcegraph/templates/frontend/...`. */
  readonly sources: ReadonlyMap<string, string>;
}

/** Parses helm's multi-document output; empty documents are dropped. */
export function parseRenderedManifests(text: string): ParsedRender {
  const objects: RenderedObject[] = [];
  const sources = new Map<string, string>();
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length > 0) throw new Error(`rendered manifest is not YAML: ${doc.errors[0].message}`);
    const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const comment = `${doc.commentBefore ?? ''}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`;
    const source = /Source: (\S+)/.exec(comment)?.[1];
    // A `List` (the load balancer controller renders its IngressClass in one) is applied item by item.
    const list = value as { kind?: unknown; items?: unknown };
    const items = list.kind === 'List' && Array.isArray(list.items) ? (list.items as RenderedObject[]) : [value as RenderedObject];
    for (const object of items) {
      objects.push(object);
      if (source && object.metadata?.name) sources.set(`${object.kind}/${object.metadata.name}`, source);
    }
  }
  return { objects, sources };
}

/**
 * Renders the chart with `values` (given to helm on stdin, as one values
 * file): hooks included, Helm test pods left out (`--skip-tests`: they only
 * run on `helm test`).
 *
 * @throws HelmTemplateError with helm's message when the chart does not render.
 */
export function helmTemplate(request: HelmTemplateRequest): Promise<ParsedRender> {
  const args = [
    'template',
    request.releaseName,
    request.chartDir,
    '--namespace',
    request.namespace,
    '--skip-tests',
    '--values',
    '-',
    ...(request.kubeVersion ? ['--kube-version', request.kubeVersion] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = execFile(
      request.helm,
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: request.timeoutMs ?? 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new HelmTemplateError(request.chartDir, stderr || error.message));
          return;
        }
        try {
          const warnings = stderr.split('\n').map((l) => l.trim()).filter((l) => /warning/i.test(l)).map((l) => l.replace(/^\S+\.go:\d+: /, ''));
          resolve({ ...parseRenderedManifests(stdout), warnings });
        } catch (e) {
          reject(new HelmTemplateError(request.chartDir, `the chart rendered output that is not valid YAML: ${(e as Error).message.split('\n')[0]}`));
        }
      },
    );
    // A helm that exits before reading its stdin is reported by the callback above, not as EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(renderValuesYaml(request.values));
  });
}
