import { formatRenderFinding } from '../../lib/render/render-finding';

test('formats a finding as severity, check, object and message', () => {
  expect(formatRenderFinding({ severity: 'error', check: 'volumes', object: 'PersistentVolumeClaim/pgsql', message: 'too small' })).toBe('error: render volumes: PersistentVolumeClaim/pgsql: too small');
  expect(formatRenderFinding({ severity: 'info', check: 'schema', message: 'not checked' })).toBe('note: render schema: not checked');
});
