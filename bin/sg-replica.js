#!/usr/bin/env node
// The sg-replica command. Runs the compiled CLI (dist/, built by `npm ci` /
// `npm run build`); in a checkout without dist/ it runs the TypeScript
// sources through tsx.
const fs = require('fs');
const path = require('path');

const compiled = path.join(__dirname, '..', 'dist', 'lib', 'cli', 'main.js');
if (fs.existsSync(compiled)) {
  require(compiled).main(process.argv.slice(2)).then((code) => process.exit(code));
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'lib', 'cli', 'main.ts')).main(process.argv.slice(2)).then((code) => process.exit(code));
}
