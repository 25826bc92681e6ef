// Stages the app folder the LEGACY Windows package is made from (electron-builder.legacy.yml, directories.app):
// the same bundles as the current build (out/), a package.json, and better-sqlite3 8.7.0 rebuilt for
// Electron 22.3 instead of the project's 12.x (which requires Node >= 20 and does not build for Electron 22).
// 8.7.0 bundles SQLite 3.43.1, too old for our schema (FTS5 `contentless_unindexed`), so it is compiled from
// source with the SQLite amalgamation of the project's better-sqlite3 12.x (docs/desktop-builds.md).
//   node scripts/stage-legacy-app.mjs [--stage <dir>] [--out <built out/ folder>] [--dry-run]
// --dry-run writes the folder and prints the commands that fetch and rebuild the native module without
// running them (tests/build/legacy-packaging.test.ts). The real run needs the npm registry and either the
// better-sqlite3 prebuilt binary for Electron 22 (GitHub releases) or Electron's headers plus a C++ toolchain:
// a Windows build machine (docs/desktop-builds.md).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

/** The Electron of the legacy build: the last 22.3.x on the npm registry (`npm view electron@22 version`). */
export const LEGACY_ELECTRON_VERSION = '22.3.27'
/** The last better-sqlite3 for Node 16, with prebuilt binaries for Electron 22 (ABI 110). */
export const LEGACY_BETTER_SQLITE3 = '8.7.0'
/** Where electron-builder.legacy.yml expects the staged app (directories.app), relative to the project. */
export const LEGACY_STAGE_DIR = 'dist/legacy-app'

/** The staged app's package.json: the project's identity and main, and only the native dependency pinned for Electron 22. */
export function legacyAppManifest(projectPackage) {
  return {
    name: projectPackage.name,
    productName: projectPackage.productName,
    version: projectPackage.version,
    description: projectPackage.description,
    license: projectPackage.license,
    private: true,
    // CommonJS main (Electron 22 cannot load an ES module main); everything else is bundled into out/.
    main: projectPackage.main,
    dependencies: { 'better-sqlite3': LEGACY_BETTER_SQLITE3 },
  }
}

/** The SQLite amalgamation files of better-sqlite3 (deps/sqlite3), copied from the project's 12.x into the staged 8.7.0. */
export const SQLITE_AMALGAMATION_FILES = ['sqlite3.c', 'sqlite3.h', 'sqlite3ext.h']

/** The install before the amalgamation swap: no install scripts (they would build for this machine's Node). */
export function legacyInstallCommand() {
  return ['npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock']]
}

/** The rebuild after it: from source (a prebuilt binary would carry SQLite 3.43.1), for Electron 22.3 x64 only. */
export function legacyRebuildCommand(stageDir, projectRoot) {
  const rebuildCli = join(projectRoot, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js')
  return [process.execPath, [rebuildCli, '--version', LEGACY_ELECTRON_VERSION, '--arch', 'x64', '--only', 'better-sqlite3', '--force', '--build-from-source', '--module-dir', stageDir]]
}

/** Copies the project's SQLite amalgamation over the staged better-sqlite3's own (8.7.0 keeps its compile options). */
export function swapAmalgamation(projectRoot, stageDir) {
  const from = join(projectRoot, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3')
  const to = join(stageDir, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3')
  for (const file of SQLITE_AMALGAMATION_FILES) cpSync(join(from, file), join(to, file))
  return { from, to }
}

/** Files of out/ the package needs: no source maps, no Node CLI (the packaged one is out/packaged-cli). */
function packaged(outDir) {
  return (source) => {
    const path = relative(outDir, source)
    return !path.endsWith('.map') && path !== 'cli' && !path.startsWith(`cli${sep}`)
  }
}

async function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const { values } = parseArgs({ options: { stage: { type: 'string' }, out: { type: 'string' }, 'dry-run': { type: 'boolean' } } })
  const stage = resolve(root, values.stage ?? LEGACY_STAGE_DIR)
  const outDir = resolve(root, values.out ?? 'out')
  const projectPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  if (!existsSync(join(outDir, relative('out', projectPackage.main)))) {
    console.error(`stage-legacy-app: ${projectPackage.main} is missing: run \`npm run build\` first.`)
    process.exit(1)
  }
  rmSync(stage, { recursive: true, force: true })
  mkdirSync(stage, { recursive: true })
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(legacyAppManifest(projectPackage), null, 2)}\n`)
  cpSync(outDir, join(stage, 'out'), { recursive: true, filter: packaged(outDir) })
  const dryRun = values['dry-run'] === true
  const step = ([program, args]) => {
    console.log(`${dryRun ? 'would run' : 'running'}: ${[program, ...args].join(' ')}  (in ${stage})`)
    if (dryRun) return
    const run = spawnSync(program, args, { cwd: stage, stdio: 'inherit', shell: process.platform === 'win32' && program === 'npm' })
    if (run.status !== 0) process.exit(run.status ?? 1)
  }
  step(legacyInstallCommand())
  const amalgamation = join(root, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3')
  console.log(`${dryRun ? 'would copy' : 'copying'}: ${SQLITE_AMALGAMATION_FILES.join(', ')} from ${amalgamation}`)
  if (!dryRun) swapAmalgamation(root, stage)
  step(legacyRebuildCommand(stage, root))
  console.log(`staged ${stage}: now npx electron-builder --config electron-builder.legacy.yml --win portable nsis`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
