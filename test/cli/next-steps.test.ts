import { nextSteps, shellWord } from '../../lib/cli/next-steps';

const aws = (name: string) => ({ name, provider: 'aws' as const });
const gcp = (name: string) => ({ name, provider: 'gcp' as const });

describe('nextSteps', () => {
  it('deploys exactly what synth wrote: --skip-synth, so cdktf does not run the app again', () => {
    expect(nextSteps({ replicas: [aws('acme-prod')], outdir: 'cdktf.out' })).toEqual([
      "next: cdktf deploy --skip-synth 'acme-prod-*'  (destroy: cdktf destroy --skip-synth 'acme-prod-*')",
    ]);
  });

  it('names --out DIR in both commands: cdktf reads cdktf.out unless told --output', () => {
    const [line] = nextSteps({ replicas: [aws('a'), gcp('b')], outdir: 'build/replicas/' });
    expect(line).toBe("next: cdktf deploy --skip-synth --output build/replicas 'a-*' 'b-*'  (destroy: cdktf destroy --skip-synth --output build/replicas 'a-*' 'b-*')");
    expect(nextSteps({ replicas: [aws('a')], outdir: 'my out' })[0]).toContain("--output 'my out' 'a-*'");
  });

  it('offline: never suggests a deploy; plans the AWS infra stacks, says GKE has nothing to plan offline', () => {
    const lines = nextSteps({ replicas: [aws('acme-prod'), gcp('umbrella')], outdir: 'cdktf.out', offline: true });
    expect(lines.join('\n')).not.toMatch(/cdktf deploy/);
    expect(lines[0]).toMatch(/cannot apply; synth again without --offline to deploy/);
    expect(lines[1]).toBe('next: terraform -chdir=cdktf.out/stacks/acme-prod-infra init && terraform -chdir=cdktf.out/stacks/acme-prod-infra plan  (provider mirror: README "Plan offline")');
    expect(lines[2]).toMatch(/^umbrella: --offline changes nothing on gcp/);
  });

  it('quotes for the shell only what needs it', () => {
    expect(shellWord('cdktf.out/stacks/a-infra')).toBe('cdktf.out/stacks/a-infra');
    expect(shellWord("it's here")).toBe(`'it'\\''s here'`);
  });
});
