// Adds up the counts each test runner wrote to test-results/*.json, prints each one's tally, then
// "N passed, N failed" for all. Exits non-zero when a runner wrote nothing (it crashed) or a test
// failed. The browser engines expected are those of PTCE_BROWSERS (default: all three).
import { existsSync, readFileSync } from 'node:fs';

const engines = (process.env.PTCE_BROWSERS || 'chromium firefox webkit').split(/[\s,]+/).filter(Boolean);
const expected = [
  ...engines.map((engine) => `browser-${engine}`),
  'server',
  'server-postgres',
  'attack',
  'attack-postgres',
  'package',
  'wordpress',
];
// --failures: only the failed tests' names and first error lines (.ci/run prints them last).
const failuresOnly = process.argv.includes('--failures');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
for (const name of expected) {
  const file = `test-results/${name}.json`;
  if (!existsSync(file)) {
    if (failuresOnly) failures.push(`${name}: no results (did the runner crash?)`);
    else console.log(`${name}: no results (did the runner crash?)`);
    totals.failed++;
    continue;
  }
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const failure of counts.failures ?? []) failures.push(`${name}: ${failure.test}\n    ${failure.error}`);
  if (!failuresOnly)
    console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
}
if (failuresOnly) {
  if (failures.length) console.log(`failed tests:\n${failures.join('\n')}`);
  process.exit(0);
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
