import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { WorkloadIdentityServiceAccount } from '../../lib/gcp/workload-identity-service-account';

const props = {
  project: 'acme-sandbox',
  accountId: 'acme-blob',
  workloadPool: 'acme-sandbox.svc.id.goog',
  namespace: 'sourcegraph',
  serviceAccounts: ['sourcegraph-frontend', 'worker'],
};

describe('WorkloadIdentityServiceAccount', () => {
  it('binds exactly the given Kubernetes service accounts, and grants nothing else', () => {
    const json = JSON.parse(Testing.synthScope((scope) => void new WorkloadIdentityServiceAccount(scope, 'wi', props)));
    expect(Object.values(json.resource.google_service_account)[0]).toEqual(expect.objectContaining({ account_id: 'acme-blob', project: 'acme-sandbox' }));
    const bindings = Object.values(json.resource.google_service_account_iam_member) as any[];
    expect(bindings.map((b) => b.member)).toEqual([
      'serviceAccount:acme-sandbox.svc.id.goog[sourcegraph/sourcegraph-frontend]',
      'serviceAccount:acme-sandbox.svc.id.goog[sourcegraph/worker]',
    ]);
    for (const b of bindings) {
      expect(b.role).toBe('roles/iam.workloadIdentityUser');
      expect(b.service_account_id).toMatch(/^\$\{google_service_account\.[^.]+\.name\}$/);
    }
    expect(json.resource.google_project_iam_member).toBeUndefined();
  });

  it('refuses bad ids, pools, namespaces and duplicate service accounts', () => {
    const make = (over: object) => () => Testing.synthScope((scope) => void new WorkloadIdentityServiceAccount(scope, 'wi', { ...props, ...over }));
    expect(make({ accountId: 'ab' })).toThrow(/accountId/);
    expect(make({ workloadPool: 'acme-sandbox' })).toThrow(/workloadPool "acme-sandbox"/);
    expect(make({ namespace: 'Source' })).toThrow(/namespace "Source"/);
    expect(make({ serviceAccounts: [] })).toThrow(/serviceAccounts is empty/);
    expect(make({ serviceAccounts: ['worker', 'worker'] })).toThrow(/"worker" is listed twice/);
  });
});
