import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubeconfigFiles, KubeconfigError, loadKubeconfig, proxyFromEnvironment } from '../../lib/verify/kubeconfig';

function kubeconfig(file: string, opts: { current?: string; contexts: [string, string, string][]; clusters: [string, string][]; users: [string, Record<string, unknown>][] }): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    ...(opts.current && { 'current-context': opts.current }),
    clusters: opts.clusters.map(([name, server]) => ({ name, cluster: { server } })),
    contexts: opts.contexts.map(([name, cluster, user]) => ({ name, context: { cluster, user } })),
    users: opts.users.map(([name, user]) => ({ name, user })),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

// Loading the Kubernetes client (and running plugin processes) takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);
describe('loadKubeconfig (kubectl’s rules)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges the KUBECONFIG files: missing ones skipped, the first definition and current-context win', () => {
    const a = kubeconfig(path.join(dir, 'a', 'config'), { contexts: [['prod', 'c1', 'u1']], clusters: [['c1', 'https://first.example']], users: [['u1', { token: 'one' }]] });
    const b = kubeconfig(path.join(dir, 'b', 'config'), {
      current: 'replica',
      contexts: [['replica', 'c1', 'u2'], ['prod', 'c2', 'u2']],
      clusters: [['c1', 'https://second.example'], ['c2', 'https://other.example']],
      users: [['u2', { token: 'two' }]],
    });
    const env = { KUBECONFIG: [a, path.join(dir, 'missing'), b].join(path.delimiter), HOME: dir };
    expect(kubeconfigFiles({ env }).files).toEqual([a, path.join(dir, 'missing'), b]);
    const k = loadKubeconfig({ env });
    expect(k).toMatchObject({ contextName: 'replica', clusterName: 'c1', server: 'https://first.example', userName: 'u2', files: [a, b] });
    expect(k.execPlugin).toBeUndefined();
    expect(loadKubeconfig({ env, context: 'prod' })).toMatchObject({ server: 'https://first.example', userName: 'u1' });
  });

  it('--kubeconfig reads that file alone; ~/.kube/config is the default', () => {
    const home = kubeconfig(path.join(dir, '.kube', 'config'), { current: 'h', contexts: [['h', 'c', 'u']], clusters: [['c', 'https://home.example']], users: [['u', {}]] });
    const other = kubeconfig(path.join(dir, 'other'), { current: 'o', contexts: [['o', 'c', 'u']], clusters: [['c', 'https://other.example']], users: [['u', {}]] });
    expect(loadKubeconfig({ env: { HOME: dir } })).toMatchObject({ server: 'https://home.example', files: [home] });
    expect(loadKubeconfig({ env: { HOME: dir, KUBECONFIG: home }, file: other })).toMatchObject({ server: 'https://other.example', files: [other] });
  });

  it('names what is missing: the file, any kubeconfig, the context, its cluster or user', () => {
    const env = { HOME: dir };
    expect(() => loadKubeconfig({ env, file: path.join(dir, 'nope') })).toThrow(`kubeconfig ${path.join(dir, 'nope')} does not exist`);
    expect(() => loadKubeconfig({ env })).toThrow(`no kubeconfig: ${path.join(dir, '.kube', 'config')} does not exist and KUBECONFIG is not set`);
    const f = kubeconfig(path.join(dir, 'k'), { contexts: [['a', 'c', 'u'], ['b', 'missing', 'u'], ['c', 'c', 'nobody']], clusters: [['c', 'https://x.example']], users: [['u', {}]] });
    expect(() => loadKubeconfig({ env, file: f })).toThrow(`kubeconfig ${f} has no current context; pass --context (contexts: a, b, c)`);
    expect(() => loadKubeconfig({ env, file: f, context: 'zz' })).toThrow(`context zz is not in kubeconfig ${f} (contexts: a, b, c)`);
    expect(() => loadKubeconfig({ env, file: f, context: 'b' })).toThrow(`context b names cluster missing, which kubeconfig ${f} does not define`);
    expect(() => loadKubeconfig({ env, file: f, context: 'c' })).toThrow(KubeconfigError);
    fs.writeFileSync(f, 'clusters: [ {name: }');
    expect(() => loadKubeconfig({ env, file: f })).toThrow(new RegExp(`^kubeconfig ${f} cannot be read: `));
  });

  it('hands an exec user to verify’s plugin runner: the command resolved against its own kubeconfig’s directory', () => {
    const f = kubeconfig(path.join(dir, 'eks', 'config'), {
      current: 'arn:aws:eks:us-east-2:111122223333:cluster/acme-prod',
      contexts: [['arn:aws:eks:us-east-2:111122223333:cluster/acme-prod', 'acme', 'acme']],
      clusters: [['acme', 'https://ABC.gr7.us-east-2.eks.amazonaws.com']],
      users: [['acme', { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: './bin/aws', args: ['eks', 'get-token'] } }]],
    });
    const k = loadKubeconfig({ env: { HOME: dir }, file: f });
    expect(k.execPlugin?.command()).toBe(path.join(dir, 'eks', 'bin', 'aws'));
    expect(k.kubeConfig.getCurrentUser()).toMatchObject({ name: 'acme' });
    expect(k.kubeConfig.getCurrentUser()?.exec).toBeUndefined();
  });

  it('uses HTTPS_PROXY unless NO_PROXY exempts the API server, as kubectl does; a proxy-url in the kubeconfig wins', () => {
    const server = 'https://abc.gr7.us-east-2.eks.amazonaws.com';
    expect(proxyFromEnvironment(server, { HTTPS_PROXY: 'http://proxy.corp:3128' })).toBe('http://proxy.corp:3128');
    expect(proxyFromEnvironment(server, { https_proxy: 'http://p:1', NO_PROXY: 'localhost,.amazonaws.com' })).toBeUndefined();
    expect(proxyFromEnvironment(server, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFromEnvironment('https://10.0.0.1:443', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.1' })).toBeUndefined();
    expect(proxyFromEnvironment(server, {})).toBeUndefined();
    const f = kubeconfig(path.join(dir, 'k'), { current: 'a', contexts: [['a', 'c', 'u']], clusters: [['c', server]], users: [['u', {}]] });
    expect(loadKubeconfig({ file: f, env: { HTTPS_PROXY: 'http://proxy.corp:3128' } }).kubeConfig.getCurrentCluster()?.proxyUrl).toBe('http://proxy.corp:3128');
    expect(loadKubeconfig({ file: f, env: {} }).kubeConfig.getCurrentCluster()?.proxyUrl).toBeUndefined();
  });
});
