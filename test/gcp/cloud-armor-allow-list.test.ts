import { Testing } from 'cdktf';
import {
  CloudArmorAllowList,
  cloudArmorAllowListRules,
  DEFAULT_RULE_PRIORITY,
  MAX_CLOUD_ARMOR_ALLOWED_CIDRS,
} from '../../lib/gcp/cloud-armor-allow-list';
import { unresolvedReferences } from '../support/terraform-references';

function cidrs(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
}

function policy(allowedCidrs: readonly string[]): any {
  const json = JSON.parse(Testing.synthScope((s) => void new CloudArmorAllowList(s, 'clients', { name: 'umbrella-gke-clients', allowedCidrs })));
  expect(unresolvedReferences(json)).toEqual([]);
  return Object.values(json.resource.google_compute_security_policy)[0];
}

/** The ranges the synthesized policy lets through, whatever order the rules are in. */
function admitted(p: any): string[] {
  return p.rule.filter((r: any) => r.action === 'allow').flatMap((r: any) => r.match.config.src_ip_ranges);
}

describe('CloudArmorAllowList', () => {
  it('admits exactly the design\'s client CIDRs and denies everyone else with 403', () => {
    const p = policy(['203.0.113.0/24', '198.51.100.0/24']);
    expect(p).toMatchObject({ name: 'umbrella-gke-clients', type: 'CLOUD_ARMOR' });
    expect(admitted(p)).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    const fallback = p.rule.filter((r: any) => r.priority === DEFAULT_RULE_PRIORITY);
    expect(fallback).toEqual([
      { priority: DEFAULT_RULE_PRIORITY, action: 'deny(403)', description: 'everyone else', match: { versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } } },
    ]);
    for (const r of p.rule) expect(r.match.versioned_expr).toBe('SRC_IPS_V1');
  });

  it('splits long lists into rules of at most 10 ranges with distinct priorities', () => {
    const list = cidrs(23);
    const p = policy(list);
    const allow = p.rule.filter((r: any) => r.action === 'allow');
    expect(allow.map((r: any) => r.match.config.src_ip_ranges.length)).toEqual([10, 10, 3]);
    expect(admitted(p)).toEqual(list);
    const priorities = p.rule.map((r: any) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const r of p.rule) expect(r.description.length).toBeLessThanOrEqual(64);
  });

  it('drops repeated ranges', () => {
    expect(cloudArmorAllowListRules(['203.0.113.0/24', '203.0.113.0/24'])[0].srcIpRanges).toEqual(['203.0.113.0/24']);
  });

  it('takes up to the limit and refuses more, an empty list, a /0 and malformed ranges, naming the value', () => {
    expect(cloudArmorAllowListRules(cidrs(MAX_CLOUD_ARMOR_ALLOWED_CIDRS))).toHaveLength(21);
    expect(() => cloudArmorAllowListRules(cidrs(MAX_CLOUD_ARMOR_ALLOWED_CIDRS + 1))).toThrow('201 client CIDRs; at most 200');
    expect(() => cloudArmorAllowListRules([])).toThrow('no client CIDRs');
    expect(() => cloudArmorAllowListRules(['0.0.0.0/0'])).toThrow('"0.0.0.0/0" admits every client');
    expect(() => cloudArmorAllowListRules(['203.0.113.7/24'])).toThrow('"203.0.113.7/24" is not an IPv4 network');
    expect(() => cloudArmorAllowListRules(['office'])).toThrow('"office" is not an IPv4 network');
    expect(() => Testing.synthScope((s) => void new CloudArmorAllowList(s, 'x', { name: 'Bad', allowedCidrs: ['203.0.113.0/24'] }))).toThrow(
      'CloudArmorAllowList "Bad": name must be',
    );
  });
});
