#!/usr/bin/env node
// In-process timings of the pure pipeline, run by bench/run.js after `tsc`
// builds dist/: each step many times in one warm process, median in ms.
// These were wall-clock assertions in the unit tests; timings belong here.
// Prints one JSON object: { label: { ms, runs } }.
const fs = require('fs');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'lib');
const { loadDesign } = require(path.join(dist, 'checks', 'check-design'));
const { assessDesign } = require(path.join(dist, 'assessment', 'assess-design'));
const { replicaMetadata } = require(path.join(dist, 'replica', 'metadata'));
const { renderReport } = require(path.join(dist, 'report', 'render-report'));
const { catalogFromJson } = require(path.join(dist, 'chart', 'key-catalog'));

function time(runs, fn) {
  fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], runs };
}

const design = loadDesign(path.join(__dirname, '..', 'examples', 'designs', 'globex-search.yaml'));
const created = new Date('2026-11-27T00:00:00Z');
const catalogs = ['7.6.0', '6.12.5040'].map((v) => fs.readFileSync(path.join(__dirname, '..', 'lib', 'chart', 'data', `sourcegraph-${v}-keys.json`), 'utf8'));

console.log(
  JSON.stringify({
    'load + check one design (schema, rules, override keys, capacity)': time(50, () => loadDesign(path.join(__dirname, '..', 'examples', 'designs', 'acme-prod.yaml'))),
    'assess + report one design (values, capacity simulation, cost, Markdown)': time(50, () => {
      const { finalValues, capacity, cost } = assessDesign(design);
      renderReport({ design, metadata: replicaMetadata(design, created), finalValues, capacity, cost });
    }),
    'parse and index both chart key catalogs': time(50, () => catalogs.forEach((text) => catalogFromJson(JSON.parse(text)))),
  }),
);
