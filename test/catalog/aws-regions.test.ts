import { awsRegion, awsRegionNames } from '../../lib/catalog/aws-regions';

describe('awsRegion', () => {
  test.each([
    ['us-east-1', ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f']],
    ['us-east-2', ['us-east-2a', 'us-east-2b', 'us-east-2c']],
    ['us-west-1', ['us-west-1a', 'us-west-1c']],
    ['us-west-2', ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']],
    ['ap-northeast-1', ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']],
    ['ca-central-1', ['ca-central-1a', 'ca-central-1b', 'ca-central-1d']],
  ])('%s defaults to %j', (name, zones) => {
    expect(awsRegion(name)?.availabilityZones).toEqual(zones);
  });

  test('leaves out us-east-1e and says why', () => {
    expect(awsRegion('us-east-1')!.availabilityZones).not.toContain('us-east-1e');
    expect(awsRegion('us-east-1')!.note).toMatch(/us-east-1e/);
  });

  test('explains that us-west-1 zone letters vary per account', () => {
    expect(awsRegion('us-west-1')!.note).toMatch(/network\.availabilityZones/);
  });

  test('is undefined for unknown regions, GCP regions and prototype keys', () => {
    expect(awsRegion('us-east-3')).toBeUndefined();
    expect(awsRegion('us-central1')).toBeUndefined();
    expect(awsRegion('constructor')).toBeUndefined();
  });
});

describe('awsRegionNames', () => {
  test('every region has at least two zones, all named after the region', () => {
    const names = awsRegionNames();
    expect(names).toEqual(expect.arrayContaining(['eu-west-1', 'eu-west-2', 'eu-central-1', 'eu-north-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1']));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const zones = awsRegion(name)!.availabilityZones;
      expect(zones.length).toBeGreaterThanOrEqual(2);
      for (const zone of zones) expect(zone).toMatch(new RegExp(`^${name}[a-f]$`));
    }
  });

  test('entries are frozen', () => {
    expect(Object.isFrozen(awsRegion('us-east-2'))).toBe(true);
    expect(Object.isFrozen(awsRegion('us-east-2')!.availabilityZones)).toBe(true);
  });
});
