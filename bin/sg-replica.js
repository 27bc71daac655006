#!/usr/bin/env node
// The sg-replica command. Runs the compiled CLI (dist/, built by `npm ci`,
// `npm run build` and `npm test`); in a checkout without dist/, or with
// SG_REPLICA_FROM_SOURCE=1, it runs the TypeScript sources through tsx.
const fs = require('fs');
const path = require('path');

const compiled = path.join(__dirname, '..', 'dist', 'lib', 'cli', 'main.js');
if (fs.existsSync(compiled) && !process.env.SG_REPLICA_FROM_SOURCE) {
  require(compiled).main(process.argv.slice(2)).then((code) => process.exit(code));
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'lib', 'cli', 'main.ts')).main(process.argv.slice(2)).then((code) => process.exit(code));
}
