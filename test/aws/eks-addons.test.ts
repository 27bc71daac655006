import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { EksCoreAddons } from '../../lib/aws/eks-addons';
import { EksAddon, Vpc } from '../../lib/providers/aws';

function addons(out: string): Record<string, any> {
  const all = Object.values(JSON.parse(out).resource.aws_eks_addon) as any[];
  return Object.fromEntries(all.map((a) => [a.addon_name, a]));
}

describe('EksCoreAddons', () => {
  it('installs vpc-cni, kube-proxy and coredns as managed add-ons at the EKS default version', () => {
    const out = Testing.synthScope((scope) => {
      new EksCoreAddons(scope, 'addons', { clusterName: 'acme' });
    });
    const byName = addons(out);
    expect(Object.keys(byName).sort()).toEqual(['coredns', 'kube-proxy', 'vpc-cni']);
    for (const addon of Object.values(byName)) {
      expect(addon).toMatchObject({
        cluster_name: 'acme',
        resolve_conflicts_on_create: 'OVERWRITE',
        resolve_conflicts_on_update: 'OVERWRITE',
      });
      expect(addon.addon_version).toBeUndefined();
    }
    expect(out).toHaveResourceWithProperties(EksAddon, { addon_name: 'vpc-cni' });
  });

  it('names vpc-cni and kube-proxy as node prerequisites and makes coredns wait for nodes', () => {
    const out = Testing.synthScope((scope) => {
      const core = new EksCoreAddons(scope, 'addons', { clusterName: 'acme' });
      expect(core.nodePrerequisites).toEqual([core.vpcCni, core.kubeProxy]);
      const a = new Vpc(scope, 'stand-in-a', { cidrBlock: '10.0.0.0/16' });
      const b = new Vpc(scope, 'stand-in-b', { cidrBlock: '10.1.0.0/16' });
      core.waitForNodes(a);
      core.waitForNodes(b);
    });
    const byName = addons(out);
    expect(byName.coredns.depends_on).toEqual([
      expect.stringMatching(/^aws_vpc\.stand-in-a/),
      expect.stringMatching(/^aws_vpc\.stand-in-b/),
    ]);
    expect(byName['vpc-cni'].depends_on).toBeUndefined();
    expect(byName['kube-proxy'].depends_on).toBeUndefined();
  });
});
