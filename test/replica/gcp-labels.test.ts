import {
  checkGcpLabels,
  GCP_LABEL_KEYS,
  gcpLabelKey,
  gcpLabelProblems,
  gcpLabels,
  gcpLabelValue,
} from '../../lib/replica/gcp-labels';
import type { ReplicaMetadata } from '../../lib/replica/metadata';

const meta: ReplicaMetadata = {
  name: 'acme-prod',
  customer: 'Acme Corp. (EMEA)',
  owner: 'Jane.Doe@Example.com',
  createdAt: '2026-01-01T09:00Z',
  expiresAt: '2026-01-04T09:00Z',
  designFingerprint: '0123456789ab',
};

describe('gcpLabels', () => {
  it('labels name, customer, owner, expiry, design and manager, sanitized to GCP rules', () => {
    expect(gcpLabels(meta)).toEqual({
      'sg-replica-name': 'acme-prod',
      'sg-replica-customer': 'acme_corp___emea_',
      'sg-replica-owner': 'jane_doe_example_com',
      'sg-replica-expires-at': '2026-01-04t09_00z',
      'sg-replica-design': '0123456789ab',
      'managed-by': 'sg-replica',
    });
    expect(gcpLabelProblems(gcpLabels(meta))).toEqual([]);
  });

  it('keeps every label valid whatever the metadata holds', () => {
    const labels = gcpLabels({ ...meta, customer: 'Ünïcode Ünternehmen GmbH & Co. KG '.repeat(4), owner: 'ops+GCP@例え.jp' });
    expect(gcpLabelProblems(labels)).toEqual([]);
    expect(Array.from(labels[GCP_LABEL_KEYS.customer])).toHaveLength(63);
    expect(labels[GCP_LABEL_KEYS.customer].startsWith('ünïcode_ünternehmen_gmbh___co__kg')).toBe(true);
    expect(labels[GCP_LABEL_KEYS.owner]).toBe('ops_gcp_例え_jp');
  });
});

describe('label sanitizing', () => {
  it('lowercases values and replaces what GCP refuses with _', () => {
    expect(gcpLabelValue('Hello World/1.0:x')).toBe('hello_world_1_0_x');
    expect(gcpLabelValue('')).toBe('');
    expect(gcpLabelValue('a'.repeat(100))).toHaveLength(63);
  });

  it('does not cut a character in half at 63', () => {
    const value = gcpLabelValue('a'.repeat(62) + '日本');
    expect(value).toBe('a'.repeat(62) + '日');
  });

  it('refuses keys that do not start with a letter', () => {
    expect(gcpLabelKey('Team')).toBe('team');
    expect(() => gcpLabelKey('1team')).toThrow("GCP label key '1team' must start with a letter");
    expect(() => gcpLabelKey('')).toThrow('must start with a letter');
  });
});

describe('checkGcpLabels', () => {
  it('names every problem', () => {
    expect(() => checkGcpLabels({ Owner: 'x', ok: 'Bad Value' }, 'Thing')).toThrow(
      /^Thing: label key 'Owner' must be .*; label value 'Bad Value' \(key 'ok'\)/,
    );
    expect(() => checkGcpLabels({ ok: 'a'.repeat(64) }, 'Thing')).toThrow('at most 63');
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    expect(() => checkGcpLabels(many, 'Thing')).toThrow("65 labels, more than GCP's 64");
    expect(() => checkGcpLabels({ ok: '', 'also_ok-1': 'v' }, 'Thing')).not.toThrow();
  });
});
