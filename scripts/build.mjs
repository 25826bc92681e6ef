// `npm run build`: the renderer with Vite (out/renderer), main and preload with esbuild (out/main, out/preload),
// and the command line (out/cli, package.json `bin`; also built by `prepare` on `npm ci`, see buildCli).
// One set of bundles for both desktop packages (current Electron and legacy Electron 22.3, see
// scripts/build-targets.mjs): main is CommonJS because Electron 22 cannot load an ES module as its main
// process (that came in Electron 28); the sandboxed preload must be CommonJS anyway.
import { build as viteBuild } from 'vite'
import { build as esbuild } from 'esbuild'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildCli, buildPackagedCli } from './build-cli.mjs'
import { NODE_TARGET } from './build-targets.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
// node scripts/build.mjs [renderer|main|cli] [--out <dir>]   (default: all parts into out/; tests build elsewhere)
const { positionals, values } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true })
const only = positionals[0] // "renderer" | "main" | "cli" | undefined (all)
const out = values.out ? resolve(values.out) : join(root, 'out')

if (!only || only === 'renderer') {
  await viteBuild({ configFile: `${root}/vite.config.ts`, build: { outDir: join(out, 'renderer') } })
}

if (!only || only === 'main') {
  // Nothing stale may be packaged (e.g. the ESM main.js of earlier builds).
  for (const dir of ['main', 'preload', 'packaged-cli']) rmSync(join(out, dir), { recursive: true, force: true })
  const common = { bundle: true, platform: 'node', target: NODE_TARGET, sourcemap: true, logLevel: 'warning', absWorkingDir: root }
  await esbuild({
    ...common,
    entryPoints: ['src-main/electron/main.ts'],
    // .cjs: package.json says "type": "module", and this file is CommonJS (package.json `main` points here).
    outfile: join(out, 'main', 'main.cjs'),
    format: 'cjs',
    // electron is provided by the runtime; better-sqlite3 is native and must stay a real module.
    external: ['electron', 'better-sqlite3'],
    // CommonJS has no import.meta: the sources' import.meta.url becomes this file's URL.
    define: { 'import.meta.url': '__xedImportMetaUrl' },
    banner: { js: "const __xedImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  })
  // Evidence parsing and diagnosis run in a worker thread beside main (src-main/app-services/evidence-worker-client.ts).
  await esbuild({
    ...common,
    entryPoints: ['src-main/app-services/evidence-worker.ts'],
    outfile: join(out, 'main', 'evidence-worker.cjs'),
    format: 'cjs',
  })
  await esbuild({
    ...common,
    entryPoints: ['src-main/preload/preload.ts'],
    outfile: join(out, 'preload', 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  })
}

if (!only || only === 'cli') await buildCli({ root, outdir: join(out, 'cli') })
// The CLI that runs inside the packaged app's Electron (`--cli`, xmpp-edge-doctor.cmd): Node 16.17, CommonJS.
if (!only || only === 'main') await buildPackagedCli({ root, outfile: join(out, 'packaged-cli', 'xmpp-edge-doctor.cjs') })
