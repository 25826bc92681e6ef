// `npm run build`: the renderer with Vite (out/renderer), main and preload with esbuild (out/main, out/preload),
// and the command line (out/cli, package.json `bin`; also built by `prepare` on `npm ci`, see buildCli).
// Main is ESM (package.json "type": "module"); the sandboxed preload must be CommonJS.
import { build as viteBuild } from 'vite'
import { build as esbuild } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { buildCli } from './build-cli.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const only = process.argv[2] // "renderer" | "main" | "cli" | undefined (all)

if (!only || only === 'renderer') {
  await viteBuild({ configFile: `${root}/vite.config.ts` })
}

if (!only || only === 'main') {
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root }
  await esbuild({
    ...common,
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'out/main/main.js',
    format: 'esm',
    // electron is provided by the runtime; better-sqlite3 is native and must stay a real module.
    external: ['electron', 'better-sqlite3'],
    // Bundled CommonJS dependencies (node-powershell) call require() for Node built-ins.
    banner: { js: "import { createRequire as __xedCreateRequire } from 'node:module'; const require = __xedCreateRequire(import.meta.url);" },
  })
  await esbuild({
    ...common,
    entryPoints: ['src-main/preload/preload.ts'],
    outfile: 'out/preload/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  })
}

if (!only || only === 'cli') await buildCli({ root })
