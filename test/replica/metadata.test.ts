import { awsTags, designFingerprint, replicaMetadata, TAG_KEYS } from '../../lib/replica/metadata';
import { awsDesign } from '../support/design-fixture';

describe('replicaMetadata', () => {
  const created = new Date('2026-11-27T05:48:31.123Z');

  it('expires expiresAfter hours after the anchor, at minute precision', () => {
    const meta = replicaMetadata(awsDesign(), created);
    expect(meta.createdAt).toBe('2026-11-27T05:48Z');
    expect(meta.expiresAt).toBe('2026-11-30T05:48Z');
  });

  it('is stable for the same design and anchor', () => {
    expect(replicaMetadata(awsDesign(), created)).toEqual(replicaMetadata(awsDesign(), new Date(created)));
  });

  it('fingerprints content, not location', () => {
    const a = awsDesign();
    const moved = { ...a, source: { file: 'elsewhere.yaml', baseDir: '/elsewhere' } };
    expect(designFingerprint(moved)).toBe(designFingerprint(a));
    const changed = { ...a, kubernetes: { ...a.kubernetes, version: '1.32' } };
    expect(designFingerprint(changed)).not.toBe(designFingerprint(a));
    expect(designFingerprint(a)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('tags name, customer, owner, expiry and fingerprint with AWS-safe values', () => {
    const meta = replicaMetadata({ ...awsDesign(), customer: 'Acme & Sons, Inc.' }, created);
    const tags = awsTags(meta);
    expect(tags).toEqual({
      [TAG_KEYS.name]: 'acme-prod',
      [TAG_KEYS.customer]: 'Acme _ Sons_ Inc.',
      [TAG_KEYS.owner]: 'jane.doe@example.com',
      [TAG_KEYS.expiresAt]: '2026-11-30T05:48Z',
      [TAG_KEYS.design]: meta.designFingerprint,
      [TAG_KEYS.managedBy]: 'sg-replica',
    });
  });
});

describe('designFingerprint and file locations', () => {
  it('is the same wherever the checkout lives: resolved paths are left out', () => {
    const design = awsDesign();
    const here = { ...design, sourcegraph: { ...design.sourcegraph, overlay: { path: 'overlay', resolvedPath: '/home/a/overlay' } } } as never;
    const there = { ...design, sourcegraph: { ...design.sourcegraph, overlay: { path: 'overlay', resolvedPath: '/work/b/overlay' } } } as never;
    expect(designFingerprint(here)).toBe(designFingerprint(there));
  });
});
