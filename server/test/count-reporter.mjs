// node:test reporter writing {passed, failed, skipped} for scripts/count-results.mjs.
// Suites are not counted, only tests; a test cancelled by a failure around it counts as failed.
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else totals.failed++;
  }
  yield `${JSON.stringify(totals)}\n`;
}
