// node:test reporter writing {passed, failed, skipped} for scripts/count-results.mjs.
// Suites are not counted, only tests; a test cancelled by a failure around it counts as failed.
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else {
      totals.failed++;
      const error = event.data.details?.error;
      const message = String(error?.cause?.message ?? error?.message ?? '')
        .split('\n')[0]
        .slice(0, 300);
      totals.failures.push({ test: `${(event.data.file ?? '').replace(`${process.cwd()}/`, '')}: ${event.data.name}`, error: message });
    }
  }
  yield `${JSON.stringify(totals)}\n`;
}
