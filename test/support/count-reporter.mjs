// Counts passed and failed browser tests and writes them where scripts/test.sh adds them up.
import { mkdirSync, writeFileSync } from 'node:fs';

function countSuite(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

export function countReporter(name) {
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        countSuite(session.testResults, totals);
        // A file that failed to load, or threw outside any test, counts as one failure.
        if (session.errors?.length) totals.failed++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync(`test-results/${name}.json`, JSON.stringify(totals));
      console.log(`${name}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}
