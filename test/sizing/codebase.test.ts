import { checkStorageAgainstCodebase, codebaseStorageValues } from '../../lib/sizing/codebase';
import { chartDefaults } from '../../lib/sizing/chart-defaults';

const codebase = { repositories: 20000, totalSizeGb: 1000, largestRepoGb: 40 };

describe('codebaseStorageValues', () => {
  test('sizes gitserver 1.3x, indexed-search 0.6x and searcher largest + 15 %', () => {
    expect(codebaseStorageValues(codebase, chartDefaults('7.6.0'))).toEqual({
      gitserver: { storageSize: '1300Gi' },
      indexedSearch: { storageSize: '600Gi' },
      searcher: { storageSize: '300Gi' },
    });
  });
  test('splits sharded services over replicas and never goes below the base', () => {
    const base = { ...chartDefaults('7.6.0'), gitserver: { replicaCount: 2, storageSize: '200Gi' } };
    expect(codebaseStorageValues({ repositories: 10, totalSizeGb: 100, largestRepoGb: 5 }, base)).toEqual({ searcher: { storageSize: '30Gi' } }); // 0.3 x 100 GB > 26Gi
    expect(codebaseStorageValues(codebase, base).gitserver).toEqual({ storageSize: '650Gi' });
  });
  test('refuses impossible numbers', () => {
    expect(() => codebaseStorageValues({ ...codebase, largestRepoGb: 2000 }, {})).toThrow(/largestRepoGb/);
    expect(() => codebaseStorageValues({ ...codebase, totalSizeGb: -1 }, {})).toThrow(/totalSizeGb/);
  });
});

describe('checkStorageAgainstCodebase', () => {
  test('flags volumes smaller than the codebase needs', () => {
    const findings = checkStorageAgainstCodebase({ gitserver: { storageSize: '500Gi' } }, codebase);
    expect(findings.map((f) => f.valuesKey)).toEqual(['gitserver.storageSize', 'indexedSearch.storageSize', 'searcher.storageSize']);
    expect(findings[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('needs 1300 GiB') });
  });
  test('is quiet when the values are large enough', () => {
    expect(checkStorageAgainstCodebase(codebaseStorageValues(codebase, chartDefaults('7.6.0')), codebase)).toEqual([]);
  });
});

describe('a storage size that is not a quantity (issue 17)', () => {
  test('is an error finding, not an exception', () => {
    const findings = checkStorageAgainstCodebase({ gitserver: { storageSize: 'lots' } }, { repositories: 10, totalSizeGb: 100, largestRepoGb: 10 });
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', message: 'gitserver.storageSize is not a storage size (e.g. 500Gi)', valuesKey: 'gitserver.storageSize' }));
  });

  test('codebase sizes replace it', () => {
    expect(codebaseStorageValues({ repositories: 10, totalSizeGb: 1000, largestRepoGb: 10 }, { gitserver: { storageSize: '-1Gi' } })).toMatchObject({ gitserver: { storageSize: '1300Gi' } });
  });
});
