import * as fs from 'fs';
import * as path from 'path';
import * as aws from '../../lib/providers/aws';

describe('lib/providers/aws', () => {
  it('re-exports the bindings the AWS constructs use', () => {
    for (const name of ['AwsProvider', 'Vpc', 'Subnet', 'EksCluster', 'EksNodeGroup', 'EksAddon', 'LaunchTemplate', 'IamRole']) {
      expect(typeof (aws as Record<string, unknown>)[name]).toBe('function');
    }
    expect((aws.EksCluster as unknown as { tfResourceType: string }).tfResourceType).toBe('aws_eks_cluster');
  });

  it('imports deep modules only, never the package root', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../lib/providers/aws.ts'), 'utf8');
    const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(10);
    for (const s of specifiers) expect(s).toMatch(/^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/);
  });
});
