// Adds up the counts each test runner wrote to test-results/*.json and prints "N passed, N failed".
// Exits non-zero when a runner wrote nothing (it crashed) or a test failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const expected = ['browser', 'server'];
const totals = { passed: 0, failed: 0, skipped: 0 };
const dir = 'test-results';
const found = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const name of expected) {
  if (!found.includes(`${name}.json`)) {
    console.error(`count-results: no results from the ${name} tests (did the runner crash?)`);
    totals.failed++;
  }
}
for (const file of found) {
  const counts = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
