import * as fs from 'fs';
import * as path from 'path';
import * as google from '../../lib/providers/google';

describe('lib/providers/google', () => {
  it('re-exports the bindings the GCP constructs use', () => {
    const types: Record<string, string> = {
      ComputeNetwork: 'google_compute_network',
      ComputeSubnetwork: 'google_compute_subnetwork',
      ComputeRouter: 'google_compute_router',
      ComputeRouterNat: 'google_compute_router_nat',
      ServiceAccount: 'google_service_account',
      ProjectIamMember: 'google_project_iam_member',
      ContainerCluster: 'google_container_cluster',
      ContainerNodePool: 'google_container_node_pool',
      DataGoogleClientConfig: 'google_client_config',
    };
    for (const [name, type] of Object.entries(types)) {
      expect((google as unknown as Record<string, { tfResourceType: string }>)[name].tfResourceType).toBe(type);
    }
    expect(typeof google.GoogleProvider).toBe('function');
  });

  it('imports deep modules only, never the package root', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../lib/providers/google.ts'), 'utf8');
    const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(8);
    for (const s of specifiers) expect(s).toMatch(/^@cdktf\/provider-google\/lib\/[a-z0-9-]+$/);
  });

  it('is the only place in lib/ and stacks/ that imports @cdktf/provider-google', () => {
    const root = path.join(__dirname, '../..');
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (file.endsWith('.ts') && !file.endsWith(path.join('providers', 'google.ts'))) {
          // Imports and requires, not mentions (lib/catalog/optional-dependencies.ts names the package).
          if (/(?:from|require\(|import\()\s*'@cdktf\/provider-google/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(root, file));
        }
      }
    };
    visit(path.join(root, 'lib'));
    visit(path.join(root, 'stacks'));
    expect(offenders).toEqual([]);
  });
});
