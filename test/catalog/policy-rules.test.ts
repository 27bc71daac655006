import * as fs from 'fs';
import * as path from 'path';
import { isPolicyRuleId, PolicyCheckId, POLICY_RULE_IDS, POLICY_RULE_INFO, policyWaiverProblems, TAG_POLICY_ID } from '../../lib/catalog/policy-rules';

const ALL_IDS: PolicyCheckId[] = [...POLICY_RULE_IDS, TAG_POLICY_ID];

describe('rule catalog', () => {
  it('has a title, a one-line reason and fix, and clouds for every rule and the tag check', () => {
    for (const id of ALL_IDS) {
      const info = POLICY_RULE_INFO[id];
      expect(info.id).toBe(id);
      for (const text of [info.title, info.reason, info.fix]) {
        expect(text).toMatch(/\S/);
        expect(text).not.toContain('\n');
      }
      expect(info.clouds.length).toBeGreaterThan(0);
    }
  });

  it('knows the waivable ids; required-tags is not one', () => {
    expect(isPolicyRuleId('imdsv2-required')).toBe(true);
    expect(isPolicyRuleId(TAG_POLICY_ID)).toBe(false);
    expect(isPolicyRuleId('capacity-fit')).toBe(false);
  });

  it('checks policy waivers and ignores the others', () => {
    expect(policyWaiverProblems([{ rule: 'capacity-fit', reason: '' }, { rule: 'encrypted-disks', reason: 'the customer runs unencrypted disks' }])).toEqual([]);
    expect(policyWaiverProblems([{ rule: 'encrypted-disks', reason: 'because' }])).toEqual([
      "waiver of 'encrypted-disks': the reason must say why, in at least 10 characters",
    ]);
    expect(policyWaiverProblems([{ rule: 'required-tags', reason: 'a long enough reason' }])[0]).toMatch(/cannot be waived/);
  });

  it('docs/POLICY.md documents every rule with its reason and fix', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'POLICY.md'), 'utf8');
    for (const id of ALL_IDS) {
      expect(doc).toContain(`### \`${id}\``);
      expect(doc).toContain(POLICY_RULE_INFO[id].reason);
      expect(doc).toContain(POLICY_RULE_INFO[id].fix);
    }
  });
});
