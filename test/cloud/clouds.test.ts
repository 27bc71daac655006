/** The cloud table: one entry per provider, and no code that branches on a provider name instead. */
import * as fs from 'fs';
import * as path from 'path';
import type { CloudFacts } from '../../lib/cloud/cloud-facts';
import { CLOUD_PROVIDERS, cloudFacts, CLOUDS, isCloudProvider, sandboxOf } from '../../lib/cloud/clouds';
import type { CloudProvider } from '../../lib/design/model';

const root = path.join(__dirname, '..', '..');

describe('CLOUDS', () => {
  it('has one entry per provider, each naming its own provider', () => {
    expect(CLOUD_PROVIDERS).toEqual(['aws', 'gcp']);
    for (const provider of CLOUD_PROVIDERS) expect(cloudFacts(provider).provider).toBe(provider);
  });

  it('makes the compiler refuse a table that misses a provider', () => {
    // Adding 'azure' to CloudProvider would turn every CloudTable<...> without an azure entry into this error.
    // @ts-expect-error Property 'azure' is missing
    const withAzure: Readonly<Record<CloudProvider | 'azure', CloudFacts>> = CLOUDS;
    expect(Object.keys(withAzure)).not.toContain('azure');
  });

  it('knows each cloud’s catalogs, defaults and names', () => {
    expect(CLOUDS.aws.regions.zones('us-east-2')).toEqual(['us-east-2a', 'us-east-2b', 'us-east-2c']);
    expect(CLOUDS.gcp.regions.zones('us-central1')).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f']);
    expect(CLOUDS.aws.regions.zones('us-central1')).toBeUndefined();
    expect(CLOUDS.aws.machines.lookup('m6a.4xlarge')).toMatchObject({ vCpu: 16, memoryGiB: 64, architecture: 'x86_64' });
    expect(CLOUDS.gcp.machines.lookup('n2-standard-16')).toMatchObject({ vCpu: 16, memoryGiB: 64 });
    expect(CLOUDS.gcp.machines.lookup('m6a.4xlarge')).toBeUndefined();
    for (const provider of CLOUD_PROVIDERS) {
      const facts = CLOUDS[provider];
      expect(facts.diskTypes).toContain(facts.defaultDiskType);
      expect(facts.ingressKinds).toContain('none');
      expect(facts.machines.names().length).toBeGreaterThan(20);
    }
    expect([CLOUDS.aws.kubernetesService, CLOUDS.gcp.kubernetesService]).toEqual(['EKS', 'GKE']);
  });

  it('tells a provider from anything else', () => {
    expect(['aws', 'gcp', 'azure', '', undefined, 'toString', '__proto__'].map(isCloudProvider)).toEqual([true, true, false, false, false, false, false]);
  });

  it('reads the sandbox a design names', () => {
    expect(sandboxOf({ provider: 'aws', region: 'us-east-2', accountId: '111122223333' })).toBe('111122223333');
    expect(sandboxOf({ provider: 'gcp', region: 'us-central1', project: 'acme-sandbox' })).toBe('acme-sandbox');
  });

  it('holds database class patterns that take the examples and refuse the other cloud’s', () => {
    expect(CLOUDS.aws.postgres.classPattern.test('db.m6g.xlarge')).toBe(true);
    expect(CLOUDS.aws.postgres.classPattern.test('db-custom-4-16384')).toBe(false);
    expect(CLOUDS.gcp.postgres.classPattern.test('db-custom-4-16384')).toBe(true);
    expect(CLOUDS.gcp.postgres.classPattern.test('db.m6g.xlarge')).toBe(false);
  });
});

describe('code that varies by cloud', () => {
  function sources(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      return e.isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
    });
  }
  /** The model's type guards narrow to a cloud's design; they are the one place a provider name is compared. */
  const ALLOWED = [path.join('lib', 'design', 'model.ts')];

  it('lists in docs/ARCHITECTURE.md every file with a table keyed by provider (“… a cloud”)', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const section = doc.slice(doc.indexOf('<!-- BEGIN CLOUD TABLES -->'), doc.indexOf('<!-- END CLOUD TABLES -->'));
    const listed = [...section.matchAll(/^\s*- `([^`]+\.ts)`/gm)].map((m) => m[1]).sort();
    const withTables = [...sources('lib'), ...sources('stacks')].filter((file) => /\bCloudTable</.test(fs.readFileSync(path.join(root, file), 'utf8'))).map((f) => f.split(path.sep).join('/'));
    expect(listed).toEqual(withTables.sort());
  });

  it('reads a table keyed by provider instead of comparing provider names (a third cloud would get the second one’s answers)', () => {
    const branching = /(?:provider|cloud)\s*[!=]==?\s*'(?:aws|gcp)'|'(?:aws|gcp)'\s*[!=]==?\s*\w*(?:provider|cloud)\b|\b(?:aws|gcp)\s*\?\s/;
    const offenders = [...sources('lib'), ...sources('stacks'), 'main.ts']
      .filter((file) => !ALLOWED.includes(file))
      .flatMap((file) =>
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
