/** The package entry point in a fresh node process: what importing it loads (a child process: jest's registry is not node's). */
import * as path from 'path';

describe('the package entry point, imported', () => {
  it('loads no cloud\'s provider bindings until a construct of that cloud is used (they are optional peer dependencies)', () => {
    const script = [
      "require('tsx/cjs');",
      "const sg = require('./lib/index.ts');",
      "const loaded = () => Object.keys(require.cache).filter((f) => /@cdktf[\\/]provider-(aws|google)[\\/]/.test(f)).map((f) => f.includes('provider-aws') ? 'aws' : 'google');",
      "const before = [...new Set(loaded())];",
      "const { App, TerraformStack } = require('cdktf');",
      "const stack = new TerraformStack(new App(), 's');",
      "new sg.ReplicaAwsProvider(stack, 'aws', { region: 'us-east-2', accountId: '111122223333' });",
      "console.log(JSON.stringify({ before, after: [...new Set(loaded())], isConstruct: sg.VpcNetwork.isConstruct(stack) }));",
    ].join('\n');
    const run = require('child_process').spawnSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ before: [], after: ['aws'], isConstruct: true });
  });
});
