import { awsTagList, awsTagPairs, sanitizeAwsTagText, sanitizeAwsTags } from '../../lib/replica/aws-tag-list';

describe('AWS tag lists', () => {
  it('joins tags as k=v,k=v in input order', () => {
    expect(awsTagList({ 'sg-replica': 'acme-prod', owner: 'jane.doe@example.com', 'expires-at': '2026-08-24T10:00:00Z' })).toBe(
      'sg-replica=acme-prod,owner=jane.doe@example.com,expires-at=2026-08-24T10:00:00Z',
    );
    expect(awsTagList({})).toBe('');
  });

  it('replaces the separators and characters AWS refuses', () => {
    expect(sanitizeAwsTagText('a,b=c{{ .PVCName }}#!', 256)).toBe('a_b_c__ .PVCName ____');
    expect(awsTagPairs({ 'team=x': 'Acme, Inc.' })).toEqual(['team_x=Acme_ Inc.']);
  });

  it('keeps letters of any script, digits, spaces and _ . : / + - @', () => {
    expect(sanitizeAwsTagText('Zürich 42 _.:/+-@', 256)).toBe('Zürich 42 _.:/+-@');
  });

  it('trims and cuts keys to 128 and values to 256 characters', () => {
    const tags = sanitizeAwsTags({ [`  ${'k'.repeat(200)}`]: 'v'.repeat(300) });
    const [[key, value]] = Object.entries(tags);
    expect(key).toHaveLength(128);
    expect(value).toHaveLength(256);
  });

  it('refuses reserved, empty and colliding keys', () => {
    expect(() => sanitizeAwsTags({ 'aws:createdBy': 'x' })).toThrow("reserved 'aws:' prefix");
    expect(() => sanitizeAwsTags({ '   ': 'x' })).toThrow('no usable characters');
    expect(() => sanitizeAwsTags({ 'a,b': '1', 'a=b': '2' })).toThrow("'a=b' becomes 'a_b'");
  });
});
