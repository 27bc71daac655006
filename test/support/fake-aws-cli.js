// A stand-in for `aws ssm start-session ... AWS-StartPortForwardingSessionToRemoteHost`
// in tests: records its arguments (FAKE_AWS_CLI_LOG), then listens on the
// localPortNumber of --parameters on 127.0.0.1 until SIGTERM, like the
// Session Manager plugin. FAKE_AWS_CLI_MODE=no-plugin prints the AWS CLI's
// message for a missing plugin and exits 255.
'use strict';
const fs = require('fs');
const net = require('net');

const args = process.argv.slice(2);
if (process.env.FAKE_AWS_CLI_LOG) fs.writeFileSync(process.env.FAKE_AWS_CLI_LOG, JSON.stringify(args));
// not-connected:<file>: answer TargetNotConnected while <file> holds a number > 0, counting it down.
const mode = process.env.FAKE_AWS_CLI_MODE || '';
if (mode.startsWith('not-connected:')) {
  const file = mode.slice('not-connected:'.length);
  const left = Number(fs.readFileSync(file, 'utf8'));
  if (left > 0) {
    fs.writeFileSync(file, String(left - 1));
    process.stderr.write('\nAn error occurred (TargetNotConnected) when calling the StartSession operation: i-0123456789abcdef0 is not connected.\n');
    process.exit(254);
  }
}
if (mode === 'no-plugin') {
  process.stderr.write('\nSessionManagerPlugin is not found. Please refer to SessionManager Documentation here: http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found\n');
  process.exit(255);
}
const parameters = JSON.parse(args[args.indexOf('--parameters') + 1]);
const port = Number(parameters.localPortNumber[0]);
const server = net.createServer((socket) => {
  socket.on('error', () => {}); // probes connect and reset
  socket.end('tunnel\n');
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`\nStarting session with SessionId: fake-0123\nPort ${port} opened for sessionId fake-0123.\nWaiting for connections...\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
