/** The ingress kinds as data, and no code that branches on a kind's name instead. */
import * as fs from 'fs';
import * as path from 'path';
import { CLOUD_PROVIDERS, CLOUDS } from '../../lib/cloud/clouds';
import { INGRESS_KIND_NAMES, INGRESS_KINDS, tlsIngressKinds } from '../../lib/cloud/ingress-kinds';
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
    expect(INGRESS_KINDS.none).toEqual({ kind: 'none', tlsCertificates: ['none'] });
  });

  it('says where each kind takes a certificate from (the default first), and how each load balancer restricts clients', () => {
    expect(tlsIngressKinds('acm')).toEqual(['alb']);
    expect(tlsIngressKinds('secret')).toEqual(['nginx']);
    expect(tlsIngressKinds('google-managed')).toEqual(['gce']);
    expect(INGRESS_KIND_NAMES.map((k) => INGRESS_KINDS[k].tlsCertificates[0])).toEqual(['none', 'none', 'google-managed', 'none']);
    // Every kind with a load balancer can restrict clients (gce through Cloud Armor since issue 11).
    for (const kind of INGRESS_KIND_NAMES) expect(INGRESS_KINDS[kind].restrictsClientsWith !== undefined).toBe(INGRESS_KINDS[kind].loadBalancer !== undefined);
    expect(INGRESS_KINDS.gce.restrictsClientsWith).toBe('cloud-armor');
    // Every certificate source some cloud offers is served by some ingress kind of that cloud.
    for (const provider of CLOUD_PROVIDERS) {
      for (const source of CLOUDS[provider].tlsCertificates) {
        expect({ provider, source, kinds: tlsIngressKinds(source).filter((k) => CLOUDS[provider].ingressKinds.includes(k)).length > 0 }).toEqual({ provider, source, kinds: true });
      }
    }
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
