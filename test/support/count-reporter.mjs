// Counts the tests that ran (suites excluded) so scripts/run-tests.mjs can refuse a run with none.
export default async function* countReporter(source) {
  let tests = 0;
  let skipped = 0;
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.details?.type !== 'suite') {
      tests++;
      if (event.data.skip || event.data.todo) skipped++;
    }
  }
  yield JSON.stringify({ tests, skipped });
}
