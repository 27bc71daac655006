/** The ingress kinds as data, and no code that branches on a kind's name instead. */
import * as fs from 'fs';
import * as path from 'path';
import { CLOUD_PROVIDERS, CLOUDS } from '../../lib/cloud/clouds';
import { clientRestrictingKinds, INGRESS_KIND_NAMES, INGRESS_KINDS, tlsIngressKinds } from '../../lib/cloud/ingress-kinds';
import { designSchema } from '../../lib/design/design-schema';
import type { ObjectNode, StringNode } from '../../lib/design/schema-dsl';

const root = path.join(__dirname, '..', '..');

describe('INGRESS_KINDS', () => {
  it('lists every kind once, as the schema does, each offered by some cloud', () => {
    expect(INGRESS_KIND_NAMES).toEqual(['alb', 'nginx', 'gce', 'none']);
    const sourcegraph = designSchema.properties.sourcegraph as ObjectNode;
    expect((sourcegraph.properties.ingress as StringNode).enum).toEqual(INGRESS_KIND_NAMES);
    for (const kind of INGRESS_KIND_NAMES) {
      expect(INGRESS_KINDS[kind].kind).toBe(kind);
      expect(CLOUD_PROVIDERS.some((provider) => CLOUDS[provider].ingressKinds.includes(kind))).toBe(true);
    }
  });

  it('gives every exposing kind an ingress class and a load balancer, and none neither', () => {
    for (const kind of INGRESS_KIND_NAMES.filter((k) => k !== 'none')) {
      expect(INGRESS_KINDS[kind].ingressClass?.name).toBe(kind);
      expect(INGRESS_KINDS[kind].loadBalancer).toBeDefined();
    }
    expect(INGRESS_KINDS.none).toEqual({ kind: 'none', tls: false });
  });

  it('says which kinds take a certificate and which restrict clients', () => {
    expect(tlsIngressKinds()).toEqual(['alb']);
    expect(clientRestrictingKinds(CLOUDS.aws.ingressKinds)).toEqual(['alb', 'nginx']);
    expect(clientRestrictingKinds(CLOUDS.gcp.ingressKinds)).toEqual(['nginx']);
  });
});

describe('code that varies by ingress kind', () => {
  function sources(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      return e.isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
    });
  }

  it('reads INGRESS_KINDS or a Record<IngressKind, ...> instead of comparing kind names', () => {
    const branching = /\b(?:ingress|kind)\s*[!=]==?\s*'(?:alb|nginx|gce|none)'|'(?:alb|nginx|gce|none)'\s*[!=]==?\s*\w*(?:ingress|kind)\b/;
    const offenders = [...sources('lib'), ...sources('stacks')].flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${file}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\/)/.test(line) && branching.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
