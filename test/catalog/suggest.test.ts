import { awsInstanceTypeNames } from '../../lib/catalog/aws-instance-types';
import { awsRegionNames } from '../../lib/catalog/aws-regions';
import { gceMachineTypeNames } from '../../lib/catalog/gce-machine-types';
import { closestMatches, editDistance, MAX_SUGGESTION_INPUT } from '../../lib/catalog/suggest';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['region', 'regoin', 1], // adjacent transposition counts once
    ['m6a.4xlage', 'm6a.4xlarge', 1],
    ['ca', 'abc', 3], // optimal string alignment, not full Damerau
  ])('%j -> %j = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('closestMatches', () => {
  const pool = ['nodePools', 'region', 'machineType', 'diskGb', 'minNodes', 'maxNodes', 'name', 'labels', 'taints', 'spot'];

  test('suggests the instance type a typo was meant to be, same family first', () => {
    const matches = closestMatches('m6a.4xlage', awsInstanceTypeNames());
    expect(matches[0]).toBe('m6a.4xlarge');
    expect(matches).toHaveLength(3);
    expect(matches.every((name) => name.startsWith('m6a.'))).toBe(true);
  });

  test('is case-insensitive but returns candidates as spelled', () => {
    expect(closestMatches('M6A.4XLARGE', awsInstanceTypeNames())[0]).toBe('m6a.4xlarge');
    expect(closestMatches('nodepools', pool)).toEqual(['nodePools']);
  });

  test('prefers the family on equal distance', () => {
    // m6a.large, m6g.large, ... are all one edit away from m6.large; m5.large too, but shares a shorter prefix.
    const matches = closestMatches('m6.large', awsInstanceTypeNames(), 20);
    expect(matches).toContain('m5.large');
    expect(matches.slice(0, matches.indexOf('m5.large')).every((name) => name.startsWith('m6'))).toBe(true);
    expect(matches.indexOf('m5.large')).toBeGreaterThanOrEqual(3);
    expect(closestMatches('t3.mediun', awsInstanceTypeNames())[0]).toBe('t3.medium');
  });

  test('completes a prefix', () => {
    expect(closestMatches('m6a.4xl', awsInstanceTypeNames())).toEqual(['m6a.4xlarge']);
    expect(closestMatches('eu-west', awsRegionNames())).toEqual(['eu-west-1', 'eu-west-2', 'eu-west-3']);
  });

  test('works for regions, GCE machine types and design keys', () => {
    expect(closestMatches('us-est-1', awsRegionNames())[0]).toBe('us-east-1');
    expect(closestMatches('n2-standrd-8', gceMachineTypeNames())[0]).toBe('n2-standard-8');
    expect(closestMatches('e2-meduim', gceMachineTypeNames())).toEqual(['e2-medium']);
    expect(closestMatches('regoin', pool)).toEqual(['region']);
    expect(closestMatches('mchineType', pool)).toEqual(['machineType']);
  });

  test('returns nothing when nothing is close', () => {
    expect(closestMatches('zzz.large', awsInstanceTypeNames())).toEqual([]);
    expect(closestMatches('x', pool)).toEqual([]);
    expect(closestMatches('', pool)).toEqual([]);
  });

  test('honours max and ignores duplicate candidates', () => {
    expect(closestMatches('maxNode', pool, 1)).toEqual(['maxNodes']);
    expect(closestMatches('spot', ['spot', 'spot', 'Spot'])).toEqual(['spot', 'Spot']);
    expect(closestMatches('spot', pool, 0)).toEqual([]);
  });
});

describe('closestMatches on hostile input (issue 17)', () => {
  it('suggests nothing for an input longer than anyone types, without computing distances', () => {
    const names = awsInstanceTypeNames();
    expect(closestMatches('m6a.4xlarge'.repeat(1000), names)).toEqual([]);
    expect(closestMatches(`m6a.4xlage${'x'.repeat(MAX_SUGGESTION_INPUT)}`, names)).toEqual([]);
  });

  it('skips candidates whose length alone rules them out, with the same answers as before', () => {
    expect(closestMatches('m6a.4xlage', awsInstanceTypeNames(), 1)).toEqual(['m6a.4xlarge']);
    expect(closestMatches('us-est-2', awsRegionNames(), 1)).toEqual(['us-east-2']);
    expect(closestMatches('gp', ['gp3', 'gp2', 'io2'])).toEqual(['gp2', 'gp3']);
  });
});
