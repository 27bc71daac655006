import { confirmed, deviates, unchecked } from '../../lib/verify/decision';
import { printable, reportSection, terminalLines, verificationJson, verificationMarkdown, verdictLine } from '../../lib/verify/verification-report';
import { Verification } from '../../lib/verify/verify-replica';
import { awsDesign } from '../support/design-fixture';

const design = awsDesign();
const verification = (decisions: Verification['decisions']): Verification => ({
  design,
  designFile: 'designs/acme-prod.yaml',
  target: { context: 'arn:aws:eks:us-east-2:111122223333:cluster/acme-prod', server: 'https://ABC.gr7.us-east-2.eks.amazonaws.com', kubeconfigFiles: ['/home/jane/.kube/config'] },
  checkedAt: '2026-11-27T10:00:00.000Z',
  serverVersion: 'v1.33.5-eks-3025e55',
  decisions,
  exitCode: 1,
  notes: [],
});
const v = verification([
  confirmed({ id: 'cluster.version', family: 'cluster', title: 'Kubernetes 1.33' }, 'API server v1.33.5', ['API server gitVersion v1.33.5']),
  deviates({ id: 'exposure.clients', family: 'exposure', title: 'Clients: only 203.0.113.0/24' }, 'the load balancer admits other clients than designed', ['open to the world: the ALB admits 0.0.0.0/0 | everyone']),
  unchecked({ id: 'external.redis', family: 'external', title: 'Redis on ElastiCache' }, 'not proven', ['worker not ready']),
]);

describe('verification output', () => {
  it('terminal: header, families with a line per decision, reasons under what is not confirmed, the verdict last', () => {
    expect(terminalLines(v)).toEqual([
      'Verifying acme-prod (designs/acme-prod.yaml) on context arn:aws:eks:us-east-2:111122223333:cluster/acme-prod (https://ABC.gr7.us-east-2.eks.amazonaws.com), Kubernetes v1.33.5-eks-3025e55',
      'Cluster',
      '  ✓ Kubernetes 1.33: API server v1.33.5',
      'Exposure',
      '  ✗ Clients: only 203.0.113.0/24: the load balancer admits other clients than designed',
      '      open to the world: the ALB admits 0.0.0.0/0 | everyone',
      'External services',
      '  ? Redis on ElastiCache: not proven',
      '      worker not ready',
      '✗ 1 decision deviates from the design (1 confirmed, 1 deviates, 1 could not be checked)',
    ]);
  });

  it('verdicts', () => {
    expect(verdictLine(verification([]))).toBe('✓ the replica runs as designed: all 0 decisions confirmed');
    expect(verdictLine(verification([v.decisions[0], v.decisions[2]]))).toBe('? no deviation found, but 1 decision could not be checked (1 confirmed, 0 deviate, 1 could not be checked)');
  });

  it('verification.md: dated, names the cluster, a table (pipes escaped), a section per decision with its evidence', () => {
    const md = verificationMarkdown(v);
    expect(md).toContain('Checked **2026-11-27T10:00:00.000Z** by `sg-replica verify` against the design `designs/acme-prod.yaml`.');
    expect(md).toContain('| Cluster (kubeconfig context) | `arn:aws:eks:us-east-2:111122223333:cluster/acme-prod` |');
    expect(md).toContain('| ✗ deviates | Clients: only 203.0.113.0/24 | open to the world: the ALB admits 0.0.0.0/0 \\| everyone |');
    expect(md).toContain('### ✓ Kubernetes 1.33\n\n**confirmed** (`cluster.version`): API server v1.33.5\n\n<details><summary>What was looked at</summary>\n\n- API server gitVersion v1.33.5');
    expect(md).toContain('## What verify cannot see');
    expect(md).toMatchSnapshot();
  });

  it('the report section links the evidence; JSON carries everything for CI', () => {
    expect(reportSection(v, 'verification.md').split('\n')[0]).toBe(
      'Verified **2026-11-27T10:00:00.000Z** on cluster `arn:aws:eks:us-east-2:111122223333:cluster/acme-prod` (Kubernetes v1.33.5-eks-3025e55): ✗ 1 decision deviates from the design (1 confirmed, 1 deviates, 1 could not be checked). Evidence: [verification.md](verification.md).',
    );
    expect(JSON.parse(JSON.stringify(verificationJson(v)))).toMatchObject({ design: { name: 'acme-prod', file: 'designs/acme-prod.yaml' }, exitCode: 1, summary: { confirmed: 1, deviates: 1, unchecked: 1 }, decisions: [{ id: 'cluster.version' }, { id: 'exposure.clients', reasons: ['open to the world: the ALB admits 0.0.0.0/0 | everyone'] }, { id: 'external.redis' }] });
  });

  it('text from the cluster cannot drive the terminal or break Markdown: control characters are replaced', () => {
    expect(printable('FailedMount: \u001b[2J\u001b]0;pwned\u0007 mount\nfailed')).toBe('FailedMount:  [2J ]0;pwned  mount failed');
    const hostile = verification([deviates({ id: 'sourcegraph.pods', family: 'sourcegraph', title: 'Pods' }, 'x', ['p-0: \u001b[31mred\u001b[0m\nnext'])]);
    expect(terminalLines(hostile).join('\n')).not.toMatch(/\u001b/);
    expect(verificationMarkdown(hostile)).toContain('- p-0:  [31mred [0m next');
  });
});
