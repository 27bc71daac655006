// A fake Kubernetes API server on 127.0.0.1 with TLS, answering
// GET /api/v1/persistentvolumes, for tests of programs Terraform runs (the
// destroy-time volume wait). A child process, since the test blocks while
// terraform runs.
//
// Environment: FAKE_K8S_CERT, FAKE_K8S_KEY (PEM files), FAKE_K8S_TOKEN (the
// bearer token it accepts), FAKE_K8S_STATE (a JSON file read on every
// request: {"volumes": [...PersistentVolume], "drainAfter": n} - after n
// answered lists of that state the list is empty; -1 never), FAKE_K8S_LOG (one JSON line
// per request: path, authorization, TLS server name). Prints the port.
'use strict';
const fs = require('fs');
const https = require('https');

const env = process.env;
let listed = 0;
let lastState = '';
const server = https.createServer({ cert: fs.readFileSync(env.FAKE_K8S_CERT), key: fs.readFileSync(env.FAKE_K8S_KEY) }, (req, res) => {
  const text = fs.readFileSync(env.FAKE_K8S_STATE, 'utf8');
  // A new state starts a new count of answered lists.
  if (text !== lastState) {
    lastState = text;
    listed = 0;
  }
  const state = JSON.parse(text);
  fs.appendFileSync(env.FAKE_K8S_LOG, JSON.stringify({ path: req.url, authorization: req.headers.authorization, servername: req.socket.servername }) + '\n');
  res.setHeader('content-type', 'application/json');
  if (req.headers.authorization !== `Bearer ${env.FAKE_K8S_TOKEN}`) {
    res.statusCode = 401;
    return res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 }));
  }
  if (req.method !== 'GET' || req.url !== '/api/v1/persistentvolumes') {
    res.statusCode = 404;
    return res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 }));
  }
  listed += 1;
  const drained = state.drainAfter >= 0 && listed > state.drainAfter;
  res.end(JSON.stringify({ kind: 'PersistentVolumeList', apiVersion: 'v1', items: drained ? [] : state.volumes }));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
