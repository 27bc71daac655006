import { SOURCEGRAPH_CHART_VERSIONS } from '../../lib/catalog/chart-versions';
import { UPLOAD_STORE_BY_CHART_VERSION, uploadStoreEnv, uploadStoreServiceAccounts, uploadStoreWiring } from '../../lib/sourcegraph/upload-store';

describe('upload store wiring per chart version', () => {
  test('has an entry for every chart version sg-replica knows', () => {
    expect(Object.keys(UPLOAD_STORE_BY_CHART_VERSION).sort()).toEqual([...SOURCEGRAPH_CHART_VERSIONS].sort());
  });

  test('7.6.0 reads SOURCEGRAPH_UPLOAD_*; 6.12.5040 PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*', () => {
    expect(uploadStoreWiring('7.6.0').envPrefixes).toEqual(['SOURCEGRAPH_UPLOAD_']);
    expect(uploadStoreWiring('6.12.5040').envPrefixes).toEqual(['PRECISE_CODE_INTEL_UPLOAD_', 'SEARCH_JOBS_UPLOAD_']);
    expect(uploadStoreEnv('6.12.5040', { BUCKET: 'b' })).toEqual({ PRECISE_CODE_INTEL_UPLOAD_BUCKET: { value: 'b' }, SEARCH_JOBS_UPLOAD_BUCKET: { value: 'b' } });
  });

  test('consumers: frontend, worker, both code intel workers, gitserver and searcher, under their chart names', () => {
    expect(uploadStoreServiceAccounts('7.6.0')).toEqual(['sourcegraph-frontend', 'worker', 'precise-code-intel-worker', 'syntactic-code-intel-worker', 'gitserver', 'searcher']);
  });

  test('names the known versions for an unknown one', () => {
    expect(() => uploadStoreWiring('5.0.0')).toThrow(/No upload store wiring for sourcegraph chart 5\.0\.0 \(known: 7\.6\.0, 6\.12\.5040\)/);
  });
});
