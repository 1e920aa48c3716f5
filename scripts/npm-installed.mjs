// Whether node_modules holds what package-lock.json asks for, by npm's own record of what it
// installed (node_modules/.package-lock.json, rewritten by every npm ci / install): exit 0 if every
// package of the lock is recorded there at the same version, 1 otherwise (naming the first missing).
//   node scripts/npm-installed.mjs              everything (npm test, CI)
//   node scripts/npm-installed.mjs --omit=dev   what runs the demo (npm start)
// Optional packages (another platform's binaries) may be absent.
import { readFileSync } from 'node:fs';

const omitDev = process.argv.includes('--omit=dev');
const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
  } catch {
    return undefined;
  }
};
const wanted = read('package-lock.json');
const installed = read('node_modules/.package-lock.json');
if (!wanted || !installed) process.exit(1);

for (const [path, entry] of Object.entries(wanted)) {
  if (!path || (omitDev && entry.dev)) continue;
  const have = installed[path];
  if (!have && (entry.optional || entry.devOptional)) continue;
  if (!have || have.version !== entry.version) {
    console.log(`npm-installed: ${path} ${entry.version ?? ''} is not installed${have ? ` (${have.version} is)` : ''}`);
    process.exit(1);
  }
}
