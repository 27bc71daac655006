/**
 * Each cloud's stacks load only for designs on that cloud: a child process
 * builds one replica and reports which provider modules it loaded.
 */
describe('addReplica loads only the bindings of the design\'s cloud', () => {
  it.each([
    ['aws', 'examples/designs/acme-prod.yaml', '@cdktf/provider-google'],
    ['gcp', 'examples/designs/umbrella-gke.yaml', '@cdktf/provider-aws'],
  ])('loads no bindings of the other cloud for a %s design', (_cloud, file, other) => {
    const { execFileSync } = require('child_process');
    const script = `const { App } = require('cdktf'); const { loadDesign } = require('./lib/checks/check-design.ts'); const { addReplica } = require('./stacks/replica-app.ts');
      const app = new App({ outdir: require('os').tmpdir() + '/sg-replica-lazy-' + process.pid });
      addReplica(app, loadDesign('${file}'), { createdAt: new Date() });
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: require('path').join(__dirname, '..', '..'), encoding: 'utf8' }).trim().split('\n').pop());
    expect(loaded.some((m) => m.includes('@cdktf/provider-'))).toBe(true);
    expect(loaded.filter((m) => m.includes(other))).toEqual([]);
  });
});
