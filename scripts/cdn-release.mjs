// After the embed build (rollup or scripts/build-demo.mjs): the SRI hashes (sha384) of the entry
// files a page loads with a <script> tag, written to <cdn>/integrity.json and printed. With
// --release (npm run build) also:
//  - dist/ptce-widgets@<version>/cdn/: the same files under a versioned path, the layout a CDN
//    serves (…/ptce-widgets@X.Y.Z/cdn/ptce-widgets.js), so a page pinning a version and its hash
//    never sees the file change under it;
//  - the WordPress plugin (integrations/wordpress/ptce-widgets/) gets its own copy of the bundle
//    (assets/cdn/), then is packed as dist/ptce-widgets-wordpress.zip.
//
//   node scripts/cdn-release.mjs [--dir dist/cdn] [--release]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;

/** The files a page names in a <script> tag: the all-in-one and each element's own file. */
export function entryFiles(cdnDir) {
  const elements = existsSync(join(cdnDir, 'elements'))
    ? readdirSync(join(cdnDir, 'elements'))
        .filter((name) => name.endsWith('.js'))
        .map((name) => `elements/${name}`)
    : [];
  return ['ptce-widgets.js', ...elements.sort()].filter((file) => existsSync(join(cdnDir, file)));
}

/** Writes <cdnDir>/integrity.json: {version, files: {"ptce-widgets.js": "sha384-…", …}}. */
export function writeIntegrity(cdnDir) {
  const files = Object.fromEntries(
    entryFiles(cdnDir).map((file) => [
      file,
      `sha384-${createHash('sha384')
        .update(readFileSync(join(cdnDir, file)))
        .digest('base64')}`,
    ]),
  );
  writeFileSync(join(cdnDir, 'integrity.json'), `${JSON.stringify({ version, files }, null, 2)}\n`);
  return files;
}

const notMaps = (source) => !source.endsWith('.map');

function release(cdnDir) {
  const versioned = join(repo, 'dist', `ptce-widgets@${version}`, 'cdn');
  rmSync(dirname(versioned), { recursive: true, force: true });
  cpSync(cdnDir, versioned, { recursive: true, filter: notMaps });

  const plugin = join(repo, 'integrations', 'wordpress', 'ptce-widgets');
  const bundled = join(plugin, 'assets', 'cdn');
  rmSync(bundled, { recursive: true, force: true });
  // The plugin loads the all-in-one file (and its lazy parts) only, not the per-element files.
  cpSync(cdnDir, bundled, { recursive: true, filter: (source) => notMaps(source) && !source.startsWith(join(cdnDir, 'elements')) });
  const zip = join(repo, 'dist', 'ptce-widgets-wordpress.zip');
  rmSync(zip, { force: true });
  // Debian's zip (scripts/setup.sh installs it): the folder as WordPress's plugin uploader wants it.
  execFileSync('zip', ['-qr', '-X', zip, 'ptce-widgets'], { cwd: dirname(plugin) });
  return { versioned, zip };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dir');
  const cdnDir = resolve(repo, at >= 0 ? args[at + 1] : 'dist/cdn');
  const files = writeIntegrity(cdnDir);
  console.log(`SRI (sha384) of ptce-widgets ${version}:`);
  for (const [file, hash] of Object.entries(files)) console.log(`  ${file}  ${hash}`);
  if (args.includes('--release')) {
    const { versioned, zip } = release(cdnDir);
    console.log(`versioned copy: ${versioned.slice(repo.length + 1)}/; WordPress plugin: ${zip.slice(repo.length + 1)}`);
  }
}
