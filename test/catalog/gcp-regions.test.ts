import { gcpRegion, gcpRegionNames } from '../../lib/catalog/gcp-regions';

describe('gcpRegion', () => {
  test.each([
    ['us-central1', ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f']],
    ['us-east1', ['us-east1-b', 'us-east1-c', 'us-east1-d']],
    ['europe-west1', ['europe-west1-b', 'europe-west1-c', 'europe-west1-d']],
    ['europe-west4', ['europe-west4-a', 'europe-west4-b', 'europe-west4-c']],
  ])('%s has zones %j', (name, zones) => {
    expect(gcpRegion(name)?.zones).toEqual(zones);
  });

  test('is undefined for unknown regions, AWS regions and prototype keys', () => {
    expect(gcpRegion('us-central2')).toBeUndefined();
    expect(gcpRegion('us-east-1')).toBeUndefined();
    expect(gcpRegion('toString')).toBeUndefined();
  });
});

describe('gcpRegionNames', () => {
  test('covers the regions the brief names, each with 3+ zones named <region>-<letter>', () => {
    const names = gcpRegionNames();
    expect(names).toEqual(expect.arrayContaining(['us-east4', 'us-west1', 'europe-west2', 'asia-southeast1', 'asia-northeast1', 'australia-southeast1', 'northamerica-northeast1']));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const zones = gcpRegion(name)!.zones;
      expect(zones.length).toBeGreaterThanOrEqual(3);
      for (const zone of zones) expect(zone).toMatch(new RegExp(`^${name}-[a-f]$`));
    }
  });
});
