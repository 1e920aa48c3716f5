/** The library's version, shown when two copies meet on one page. test/version.test.ts keeps it equal to package.json. */
export const VERSION = '0.1.0';
