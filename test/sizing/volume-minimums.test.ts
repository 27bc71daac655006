import { chartDefaults } from '../../lib/sizing/chart-defaults';
import { designRaisedVolumes, minimumVolumeValues, volumeMinimumProblems, volumesBelowMinimum } from '../../lib/sizing/volume-minimums';
import { sourcegraphHelmValues } from '../../lib/sourcegraph/helm-values';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('volumes below the disk type minimum', () => {
  test.each(['7.6.0', '6.12.5040'])('chart %s: only grafana (2Gi) is below io2 minimum of 4 GiB; nothing is below gp3 1 GiB', (version) => {
    const defaults = chartDefaults(version);
    expect(volumesBelowMinimum(defaults, 'io2', version)).toEqual([{ sizeKey: 'grafana.storageSize', from: '2Gi', to: '4Gi' }]);
    expect(volumesBelowMinimum(defaults, 'gp3', version)).toEqual([]);
    expect(minimumVolumeValues(defaults, 'io2', version)).toEqual({ grafana: { storageSize: '4Gi' } });
    expect(minimumVolumeValues(defaults, 'pd-ssd', version)).toEqual({ grafana: { storageSize: '10Gi' } });
  });

  test('the generated values raise grafana on io2 and persistent disks, and leave it on gp3', () => {
    const context = { storageClassName: 'sourcegraph', tags: {} };
    expect((sourcegraphHelmValues(awsDesign({ storage: { diskType: 'io2' } }), context).grafana as any).storageSize).toBe('4Gi');
    expect((sourcegraphHelmValues(gcpDesign({ storage: { diskType: 'pd-balanced' } }), context).grafana as any).storageSize).toBe('10Gi');
    expect(sourcegraphHelmValues(awsDesign(), context).grafana).toBeUndefined();
  });

  test('a larger size from an override file wins over the raised one (overrides come later)', () => {
    const design = awsDesign({ storage: { diskType: 'io2' }, sourcegraph: { overrides: [{ path: 'o.yaml', resolvedPath: '/o.yaml', values: { grafana: { storageSize: '20Gi' } } }] } });
    expect((sourcegraphHelmValues(design, { storageClassName: 'sourcegraph', tags: {} }).grafana as any).storageSize).toBe('20Gi');
  });

  test('an override volume below the minimum is an error naming the key, the value and the minimum', () => {
    const problems = volumeMinimumProblems({ grafana: { storageSize: '2Gi' }, gitserver: { storageSize: '300Gi' } }, 'io2', '7.6.0');
    expect(problems).toEqual([
      {
        severity: 'error',
        path: ['grafana', 'storageSize'],
        message: 'below the io2 minimum of 4Gi: the volume would never provision and the release would time out (use at least 4Gi)',
        got: '"2Gi"',
      },
    ]);
    expect(volumeMinimumProblems({ grafana: { storageSize: '2Gi' } }, 'gp3', '7.6.0')).toEqual([]);
  });

  test('the report lists what was raised', () => {
    expect(designRaisedVolumes(awsDesign({ storage: { diskType: 'io2' } }))).toEqual([{ sizeKey: 'grafana.storageSize', from: '2Gi', to: '4Gi' }]);
    expect(designRaisedVolumes(awsDesign())).toEqual([]);
  });
});
