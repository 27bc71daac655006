/**
 * The program `VolumeDeletionWait` runs with `node -e` when Terraform
 * destroys it: it polls the Kubernetes API until no PersistentVolume of a
 * StorageClass is left, or gives up after a timeout with a message that
 * names what is left and what to do. Plain JavaScript with Node built-ins
 * only (it runs wherever `cdktf destroy` runs, from the synthesized JSON),
 * and free of `${` and `%{` (Terraform would read them as templates).
 *
 * Input (environment, set by the provisioner from the resource's `input`):
 * - SG_K8S_HOST: API server URL (`https://host[:port]`);
 * - SG_K8S_CA_B64: base64 PEM of the API server's CA;
 * - SG_K8S_TLS_SERVER_NAME: name to verify the certificate against (an API
 *   reached through a tunnel on 127.0.0.1); optional;
 * - SG_K8S_EXEC: JSON `{"command": ..., "args": [...]}` of a credential
 *   plugin printing an ExecCredential (`aws eks get-token`,
 *   `gke-gcloud-auth-plugin`); or SG_K8S_TOKEN, a bearer token;
 * - SG_STORAGE_CLASS, SG_TIMEOUT_SECONDS, SG_POLL_SECONDS;
 * - SG_REPLICA_SKIP_VOLUME_WAIT=1 (the user's escape hatch): do not wait.
 *
 * Exit 0 when none is left (or skipped), 1 on timeout or bad input.
 */
export const WAIT_FOR_VOLUMES_SCRIPT = String.raw`'use strict';
const https = require('https');
const childProcess = require('child_process');
const env = process.env;
const log = (line) => process.stdout.write('sg-replica: ' + line + '\n');
const fail = (line) => { process.stderr.write('sg-replica: ' + line + '\n'); process.exit(1); };
const storageClass = env.SG_STORAGE_CLASS || '';
if (env.SG_REPLICA_SKIP_VOLUME_WAIT === '1') {
  log('SG_REPLICA_SKIP_VOLUME_WAIT=1: not waiting for the PersistentVolumes of StorageClass ' + storageClass + ' (find what is left with: sg-replica leftovers <design>)');
  process.exit(0);
}
if (!storageClass) fail('SG_STORAGE_CLASS is not set');
let host;
try { host = new URL(env.SG_K8S_HOST || ''); } catch (e) { fail('SG_K8S_HOST is not a URL: ' + JSON.stringify(env.SG_K8S_HOST || '')); }
const ca = Buffer.from(env.SG_K8S_CA_B64 || '', 'base64');
const servername = env.SG_K8S_TLS_SERVER_NAME || undefined;
const exec = env.SG_K8S_EXEC ? JSON.parse(env.SG_K8S_EXEC) : undefined;
const timeoutMs = Number(env.SG_TIMEOUT_SECONDS || '900') * 1000;
const pollMs = Number(env.SG_POLL_SECONDS || '10') * 1000;
if (!(timeoutMs > 0) || !(pollMs > 0)) fail('SG_TIMEOUT_SECONDS and SG_POLL_SECONDS must be positive numbers');
let token;
let tokenAt = 0;
function bearer() {
  if (!exec) return env.SG_K8S_TOKEN || '';
  if (token && Date.now() - tokenAt < 5 * 60 * 1000) return token;
  const out = childProcess.execFileSync(exec.command, exec.args || [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  token = JSON.parse(out).status.token;
  tokenAt = Date.now();
  return token;
}
function listVolumes() {
  return new Promise((resolve, reject) => {
    const request = https.request({
      hostname: host.hostname,
      port: host.port || 443,
      path: '/api/v1/persistentvolumes',
      method: 'GET',
      ca: ca.length ? ca : undefined,
      servername,
      headers: { Authorization: 'Bearer ' + bearer(), Accept: 'application/json' },
      timeout: 30000,
    }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error('GET /api/v1/persistentvolumes: HTTP ' + response.statusCode + ' ' + body.slice(0, 300)));
        try { resolve(JSON.parse(body).items || []); } catch (e) { reject(e); }
      });
    });
    request.on('timeout', () => request.destroy(new Error('no answer in 30 s')));
    request.on('error', reject);
    request.end();
  });
}
function describe(pv) {
  const spec = pv.spec || {};
  const status = pv.status || {};
  const handle = spec.csi ? spec.csi.volumeHandle : spec.awsElasticBlockStore ? spec.awsElasticBlockStore.volumeID : undefined;
  const claim = spec.claimRef ? spec.claimRef.namespace + '/' + spec.claimRef.name : 'no claim';
  return pv.metadata.name + ' (' + [handle, claim, status.phase, status.message].filter(Boolean).join(', ') + ')';
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
  const started = Date.now();
  let lastError;
  let left = [];
  for (;;) {
    try {
      left = (await listVolumes()).filter((pv) => (pv.spec || {}).storageClassName === storageClass);
      lastError = undefined;
      if (left.length === 0) {
        log('no PersistentVolume of StorageClass ' + storageClass + ' is left');
        return;
      }
      log('waiting for the CSI driver to delete ' + left.length + ' PersistentVolume(s) of StorageClass ' + storageClass + ': ' + left.map(describe).join('; '));
    } catch (e) {
      lastError = e;
      log('cannot list PersistentVolumes yet at ' + host.origin + ': ' + e.message);
    }
    if (Date.now() - started + pollMs > timeoutMs) break;
    await sleep(pollMs);
  }
  const waited = Math.round((Date.now() - started) / 1000) + ' s';
  if (lastError) {
    fail('could not list the PersistentVolumes of StorageClass ' + storageClass + ' at ' + host.origin + ' for ' + waited + ' (' + lastError.message + '). ' +
      'Is the API reachable (for a private endpoint: is the tunnel open)? Destroying the cluster now could orphan the volumes. ' +
      'Run cdktf destroy again once it is; to go on anyway set SG_REPLICA_SKIP_VOLUME_WAIT=1 and check with: sg-replica leftovers <design>');
  }
  fail(left.length + ' PersistentVolume(s) of StorageClass ' + storageClass + ' still exist after ' + waited + ': ' + left.map(describe).join('; ') + '. ' +
    'The CSI driver deletes a volume after its claim is gone; destroying the cluster first would orphan it. ' +
    'See kubectl get pv and kubectl describe pv, then run cdktf destroy again; to go on anyway set SG_REPLICA_SKIP_VOLUME_WAIT=1 and delete what is left with: sg-replica leftovers <design> --delete');
})().catch((e) => fail(e.stack || String(e)));
`;
