import { AllowListAudience, checkAllowList } from '../../lib/design/allow-list';

const api: AllowListAudience = { what: 'the Kubernetes API', openness: 'error', risk: 'risky', instead: 'narrower' };
const clients: AllowListAudience = { what: 'the frontend', openness: 'warning', risk: 'risky', instead: 'narrower' };
const check = (list: string[], audience = api) => checkAllowList(list, ['network', 'allowedCidrs'], audience).map((p) => [p.severity, p.path.join('.'), p.message]);

describe('checkAllowList', () => {
  it('accepts an organization-sized list', () => {
    expect(check(['203.0.113.0/24', '198.51.100.7/32', '10.0.0.0/8'])).toEqual([]);
  });

  it('refuses the world split into halves, judged on the union', () => {
    expect(check(['0.0.0.0/1', '128.0.0.0/1'])).toEqual([['error', 'network.allowedCidrs', expect.stringMatching(/together these ranges cover at least 50 % .* whole internet/)]]);
    expect(check(['0.0.0.0/1'])).toEqual([['error', 'network.allowedCidrs', expect.stringMatching(/this range covers at least 50 %/)]]);
    expect(check(['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2'])).toEqual([
      ['error', 'network.allowedCidrs.0', expect.stringMatching(/broader than any one organization/)],
      ['error', 'network.allowedCidrs.1', expect.stringMatching(/broader than/)],
      ['error', 'network.allowedCidrs.2', expect.stringMatching(/broader than/)],
      ['error', 'network.allowedCidrs', expect.stringMatching(/together these ranges cover/)],
    ]);
    const many = Array.from({ length: 200 }, (_, i) => `${i + 1}.0.0.0/8`);
    expect(check(many)).toEqual([['error', 'network.allowedCidrs', expect.stringMatching(/together these ranges cover at least 50 %/)]]);
  });

  it('warns instead for the frontend, where listing the world is an explicit opt-in', () => {
    expect(check(['0.0.0.0/0'], clients)).toEqual([['warning', 'network.allowedCidrs.0', expect.stringMatching(/opens the frontend to the whole internet/)]]);
  });

  it('refuses garbage, IPv6, leading zeros and host bits, naming the fix', () => {
    expect(check(['garbage', '::/0', '010.042.0.0/16', '203.0.113.5/24'])).toEqual([
      ['error', 'network.allowedCidrs.0', 'not an IPv4 CIDR'],
      ['error', 'network.allowedCidrs.1', expect.stringMatching(/IPv6 ranges are not supported/)],
      ['error', 'network.allowedCidrs.2', 'not an IPv4 CIDR'],
      ['error', 'network.allowedCidrs.3', 'has host bits set after the prefix, did you mean "203.0.113.0/24"?'],
    ]);
  });
});
