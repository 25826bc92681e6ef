// The bundled command line (package.json `bin`: out/cli/xmpp-edge-doctor.mjs), built by `npm run build` and by
// `prepare` on `npm ci`: one ESM entry plus a chunk per command (code splitting), so `demo` or `analyze` never
// loads the probe, SQLite, the zip reader or the report writers it does not use. Start-up is most of a short
// run's cost (issue "Fast start"; figures in `npm run bench`).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

/** Bundles src-main/cli/bin.ts into `outdir` (default <root>/out/cli), replacing what was there. */
export async function buildCli({ root, outdir = join(root, 'out', 'cli'), target = 'node20' }) {
  rmSync(outdir, { recursive: true, force: true })
  await build({
    bundle: true,
    platform: 'node',
    target,
    format: 'esm',
    splitting: true,
    // Smaller text parses faster at every start; names are kept so errors and stacks stay readable.
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: [{ in: 'src-main/cli/bin.ts', out: 'xmpp-edge-doctor' }],
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // better-sqlite3 is native and must stay a real module.
    external: ['better-sqlite3'],
    // Bundled CommonJS dependencies (yauzl, node-powershell) call require() for Node built-ins.
    banner: { js: "import { createRequire as __xedCreateRequire } from 'node:module'; const require = __xedCreateRequire(import.meta.url);" },
  })
  return join(outdir, 'xmpp-edge-doctor.mjs')
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
