import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { GKE_NODE_ROLES, NodeServiceAccount } from '../../lib/gcp/node-service-account';
import { ServiceAccount } from '../../lib/providers/google';

function synth(props: Partial<ConstructorParameters<typeof NodeServiceAccount>[2]> = {}): any {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new NodeServiceAccount(scope, 'nodes', { project: 'acme-sandbox', accountId: 'acme-prod-nodes', ...props });
    }),
  );
}

describe('NodeServiceAccount', () => {
  it('creates a dedicated service account in the project', () => {
    expect(JSON.stringify(synth())).toHaveResourceWithProperties(ServiceAccount, {
      account_id: 'acme-prod-nodes',
      project: 'acme-sandbox',
    });
  });

  it('grants exactly the node roles, as non-authoritative members of that account', () => {
    const grants = Object.values(synth().resource.google_project_iam_member) as any[];
    expect(grants.map((g) => g.role).sort()).toEqual(
      [
        'roles/artifactregistry.reader',
        'roles/autoscaling.metricsWriter',
        'roles/logging.logWriter',
        'roles/monitoring.metricWriter',
        'roles/monitoring.viewer',
        'roles/stackdriver.resourceMetadata.writer',
      ].sort(),
    );
    for (const g of grants) {
      expect(g.project).toBe('acme-sandbox');
      expect(g.member).toMatch(/^\$\{google_service_account\..*\.member\}$/);
    }
    expect(GKE_NODE_ROLES).not.toContain('roles/editor');
  });

  it('takes other roles when asked', () => {
    const grants = Object.values(synth({ roles: ['roles/logging.logWriter'] }).resource.google_project_iam_member) as any[];
    expect(grants.map((g) => g.role)).toEqual(['roles/logging.logWriter']);
  });

  it('refuses bad account ids and roles', () => {
    expect(() => synth({ accountId: 'abc' })).toThrow('accountId "abc" must be 6-30');
    expect(() => synth({ accountId: 'a'.repeat(31) })).toThrow('must be 6-30');
    expect(() => synth({ roles: ['logging.logWriter'] })).toThrow('role "logging.logWriter" is not a predefined role');
    expect(() => synth({ roles: ['roles/a', 'roles/a'] })).toThrow('listed twice');
    expect(() => synth({ roles: [] })).toThrow('roles is empty');
  });
});
