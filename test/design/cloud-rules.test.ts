/** Each cloud's own rules, called by checkRules (test/design/rules.test.ts runs every message through it). */
import { CLOUD_PROVIDERS } from '../../lib/cloud/clouds';
import { CLOUD_RULES, RuleContext } from '../../lib/design/cloud-rules';
import type { Design } from '../../lib/design/model';
import { awsDesign, gcpDesign } from '../support/design-fixture';

function run(design: Design, hook: (rules: RuleContext) => void, refused: string[] = []) {
  const reported: string[] = [];
  const context: RuleContext = {
    design,
    ok: (...paths) => paths.every((p) => !refused.includes(p.join('.'))),
    error: (path, message) => reported.push(`error ${path.join('.')}: ${message}`),
    warn: (path, message) => reported.push(`warning ${path.join('.')}: ${message}`),
  };
  hook(context);
  return reported;
}

describe('CLOUD_RULES', () => {
  it('has the rules of every provider', () => {
    expect(Object.keys(CLOUD_RULES)).toEqual([...CLOUD_PROVIDERS]);
  });

  it('counts the VPC CNI’s addresses per zone on AWS: maxNodes spread over the zones, max pods + 1 per node', () => {
    const design = awsDesign({ network: { cidr: '10.42.0.0/22' }, kubernetes: { nodePools: [{ ...awsDesign().kubernetes.nodePools[0], maxNodes: 30 }] } });
    // m6a.4xlarge: 234 max pods (ENI); 30 nodes over 3 zones = 10 per zone: 10 × 235 addresses.
    expect(run(design, (c) => CLOUD_RULES.aws.nodes(c))).toEqual([expect.stringMatching(/^error network\.cidr: too small: .* can need 2350 per zone/)]);
    expect(run(design, (c) => CLOUD_RULES.aws.nodes(c), ['network.cidr'])).toEqual([]);
  });

  it('has nothing to say about an ACM certificate on GCP (the ingress rule refuses it first)', () => {
    expect(run(gcpDesign(), (c) => CLOUD_RULES.gcp.tlsCertificate(c, 'arn:aws:acm:us-east-2:111122223333:certificate/x', ['sourcegraph', 'tls', 'acmCertificateArn']))).toEqual([]);
  });
});
