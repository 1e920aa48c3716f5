// Counts passed and failed browser tests and writes them where scripts/test.sh adds them up.
import { mkdirSync, writeFileSync } from 'node:fs';

function countSuite(suite, totals, file, path = []) {
  if (!suite) return;
  const here = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else {
      totals.failed++;
      totals.failures.push({ test: `${file}: ${[...here, test.name].join(' › ')}`, error: firstLine(test.error?.message) });
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, totals, file, here);
}

const firstLine = (message) =>
  String(message ?? '')
    .split('\n')[0]
    .slice(0, 300);

export function countReporter(name) {
  return {
    stop({ sessions }) {
      // failures: names and first error lines, printed again at the end of .ci/run
      const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        const file = session.testFile.replace(`${process.cwd()}/`, '');
        countSuite(session.testResults, totals, file);
        // A file that failed to load, or threw outside any test, counts as one failure.
        if (session.errors?.length) {
          totals.failed++;
          totals.failures.push({ test: file, error: firstLine(session.errors[0]?.message) });
        }
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync(`test-results/${name}.json`, JSON.stringify(totals));
      console.log(`${name}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}
