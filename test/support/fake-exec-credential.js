// A credential plugin for tests: prints an ExecCredential with the token in
// FAKE_EXEC_TOKEN, as `aws eks get-token` prints one from the caller's credentials.
'use strict';
const token = process.env.FAKE_EXEC_TOKEN;
process.stdout.write(JSON.stringify({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', spec: {}, status: { token } }));
