// The bundled command line (package.json `bin`: out/cli/xmpp-edge-doctor.cjs), built by `npm run build` and by
// `prepare` on `npm ci`. Start-up is most of a short run's cost (issue "Fast start"; figures in `npm run bench`):
// - xmpp-edge-doctor.bundle.cjs: the whole CLI in one CommonJS file. Each command's code (and the probe, SQLite,
//   the zip reader, the report writers) still runs only when the command is named: esbuild turns the lazy
//   import()s of src-main/cli/main.ts into functions that initialise those modules on first use.
// - xmpp-edge-doctor.cjs: a small launcher (src-main/cli/launcher.ts) that compiles the bundle with V8's code
//   cache from the user's cache folder, so a repeated start skips parsing and compiling (code-cache-loader.ts).
//   It knows the bundle's content hash from the build, so a rebuilt bundle never meets an old cache.
import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

export const CLI_BUNDLE_FILE = 'xmpp-edge-doctor.bundle.cjs'

/** Bundles src-main/cli/bin.ts and its launcher into `outdir` (default <root>/out/cli), replacing what was there. */
export async function buildCli({ root, outdir = join(root, 'out', 'cli'), target = 'node20' }) {
  rmSync(outdir, { recursive: true, force: true })
  const common = {
    bundle: true,
    platform: 'node',
    target,
    format: 'cjs',
    // Smaller text parses faster on a first start; names are kept so errors and stacks stay readable.
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    absWorkingDir: root,
    // CommonJS has no import.meta: the sources' import.meta.url becomes this file's URL.
    define: { 'import.meta.url': '__xedImportMetaUrl' },
    banner: { js: "const __xedImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  }
  const bundle = join(outdir, CLI_BUNDLE_FILE)
  await build({
    ...common,
    entryPoints: ['src-main/cli/bin.ts'],
    outfile: bundle,
    // better-sqlite3 is native and must stay a real module.
    external: ['better-sqlite3'],
    // Keeps the bundle ASCII: esbuild escapes non-ASCII characters everywhere but in tagged templates (their raw
    // text would change), which this lowers to plain string literals it can escape (String.raw included, exactly).
    // An ASCII bundle is read as latin1 into a one-byte string, half the size of the two-byte string a single
    // non-ASCII character forces: ≈ 2.5 ms less per start (less to copy and to collect; docs/probe.md, Figures).
    supported: { 'template-literal': false },
  })
  const bytes = readFileSync(bundle)
  const hash = createHash('sha256').update(bytes).digest('hex')
  // Decoding as latin1 is exact only for ASCII; anything else is read as UTF-8, as before (correct, only slower).
  const encoding = bytes.every((byte) => byte < 0x80) ? 'latin1' : 'utf8'
  const launcher = join(outdir, 'xmpp-edge-doctor.cjs')
  await build({
    ...common,
    entryPoints: ['src-main/cli/launcher.ts'],
    outfile: launcher,
    define: { ...common.define, XED_CLI_BUNDLE: JSON.stringify({ file: CLI_BUNDLE_FILE, hash, encoding }) },
  })
  return launcher
}

/**
 * The command line for the packaged desktop app (docs/desktop-builds.md): one CommonJS file for the Node
 * inside the app's Electron, run by xmpp-edge-doctor.cmd (ELECTRON_RUN_AS_NODE) from app.asar.unpacked.
 * Node 16.17 (Electron 22.3's, the legacy build) so the same file serves both packages; CommonJS because the
 * legacy Electron's Node loads it with require() from outside the asar archive; one file because a short
 * run from the .cmd is dominated by Electron's own start, not by parsing.
 */
export async function buildPackagedCli({ root, outfile = join(root, 'out', 'packaged-cli', 'xmpp-edge-doctor.cjs'), target = 'node16.17' }) {
  await build({
    bundle: true,
    platform: 'node',
    target,
    format: 'cjs',
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: ['src-main/cli/bin.ts'],
    outfile,
    // Resolved at run time from resources/app.asar.unpacked/node_modules (electron-builder*.yml asarUnpack).
    external: ['better-sqlite3'],
    // CommonJS has no import.meta: the sources' import.meta.url becomes this file's URL.
    define: { 'import.meta.url': '__xedImportMetaUrl' },
    banner: { js: "const __xedImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  })
  return outfile
}
