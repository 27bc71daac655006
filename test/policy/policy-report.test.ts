import { findingMessage, formatPolicyReport, PolicyReport } from '../../lib/policy/policy-report';
import { POLICY_RULE_INFO } from '../../lib/catalog/policy-rules';

const finding = { rule: 'encrypted-disks' as const, path: 'x-infra/ebs', resourceType: 'aws_ebs_volume', message: 'encrypted is not true' };
const waiver = { rule: 'encrypted-disks', reason: 'the customer runs unencrypted disks' };

describe('policy report', () => {
  it('writes a finding as one line: rule, resource, problem, why, fix, how to waive', () => {
    const text = findingMessage(finding, POLICY_RULE_INFO['encrypted-disks']);
    expect(text).toBe(
      `policy encrypted-disks: aws_ebs_volume encrypted is not true. Why: ${POLICY_RULE_INFO['encrypted-disks'].reason} Fix: ${POLICY_RULE_INFO['encrypted-disks'].fix} Or waive it: waivers: [{rule: encrypted-disks, reason: <why>}] in the design.`,
    );
    expect(text).not.toContain('\n');
    expect(findingMessage({ ...finding, rule: 'required-tags' }, POLICY_RULE_INFO['required-tags'])).not.toContain('waive');
    expect(findingMessage({ ...finding, waiver }, POLICY_RULE_INFO['encrypted-disks'])).toBe(
      'policy encrypted-disks (waived): aws_ebs_volume encrypted is not true. Waiver: the customer runs unencrypted disks',
    );
  });

  it('summarizes rules, failures, waived findings and unused waivers', () => {
    const report: PolicyReport = {
      rules: [
        { ...POLICY_RULE_INFO['encrypted-disks'], status: 'waived', checked: 2, findings: [{ ...finding, waiver }], waiver },
        { ...POLICY_RULE_INFO['imdsv2-required'], status: 'failed', checked: 1, findings: [{ ...finding, rule: 'imdsv2-required', message: 'm' }] },
      ],
      violations: [{ ...finding, rule: 'imdsv2-required', message: 'm' }],
      waived: [{ ...finding, waiver }],
      unusedWaivers: [{ rule: 'no-admin-policies', reason: 'old' }],
      passed: false,
    };
    expect(formatPolicyReport(report)).toEqual([
      'waived  encrypted-disks  2 resource(s) checked, 1 finding(s)',
      '                         waived: the customer runs unencrypted disks',
      'failed  imdsv2-required  1 resource(s) checked, 1 finding(s)',
      'FAILED  [x-infra/ebs] imdsv2-required: aws_ebs_volume m',
      'WAIVED  [x-infra/ebs] encrypted-disks: aws_ebs_volume encrypted is not true',
      'unused waiver of no-admin-policies: nothing in the replica needs it',
    ]);
  });
});
