// Runs the history's tests against the better-sqlite3 of the LEGACY desktop build (8.7.0 with the project's
// SQLite amalgamation, as scripts/stage-legacy-app.mjs builds it for Electron 22), compiled here for Node:
//   node scripts/check-legacy-sqlite.mjs      (needs the npm registry and a C++ toolchain; ~5-10 min of compiling)
// Not part of `npm test`: it needs a second copy of the module. Results are quoted in docs/desktop-builds.md.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LEGACY_BETTER_SQLITE3, legacyInstallCommand, swapAmalgamation } from './stage-legacy-app.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const work = join(root, '.cache', 'legacy-sqlite')
const module = join(work, 'node_modules', 'better-sqlite3')

function run(program, args, cwd) {
  console.log(`running: ${[program, ...args].join(' ')}  (in ${cwd})`)
  const result = spawnSync(program, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(join(module, 'build', 'Release', 'better_sqlite3.node'))) {
  mkdirSync(work, { recursive: true })
  writeFileSync(join(work, 'package.json'), `${JSON.stringify({ private: true, dependencies: { 'better-sqlite3': LEGACY_BETTER_SQLITE3 } }, null, 2)}\n`)
  const [npm, args] = legacyInstallCommand()
  run(npm, args, work)
  swapAmalgamation(root, work)
  run(process.execPath, [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), 'rebuild', '--release'], module)
}
writeFileSync(
  join(work, 'vitest.config.mjs'),
  `export default {
  root: ${JSON.stringify(root)},
  resolve: { alias: { 'better-sqlite3': ${JSON.stringify(module)} } },
  test: { include: ['tests/store/**/*.test.ts', 'tests/app/app-services.test.ts'], environment: 'node', testTimeout: 60000, hookTimeout: 60000, pool: 'forks', maxWorkers: 2, setupFiles: [${JSON.stringify(join(work, 'setup.mjs'))}] },
}
`,
)
// Fails the run unless the aliased module really is 8.7.0 with the newer SQLite.
writeFileSync(
  join(work, 'setup.mjs'),
  `import Database from 'better-sqlite3'
import { createRequire } from 'node:module'
const version = createRequire(${JSON.stringify(join(module, 'package.json'))})(${JSON.stringify(join(module, 'package.json'))}).version
const sqlite = new Database(':memory:').prepare('select sqlite_version() as v').get().v
if (version !== ${JSON.stringify(LEGACY_BETTER_SQLITE3)} || sqlite.startsWith('3.43.')) throw new Error('not the legacy build: better-sqlite3 ' + version + ', SQLite ' + sqlite)
console.log('better-sqlite3 ' + version + ', SQLite ' + sqlite)
`,
)
run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(work, 'vitest.config.mjs')], root)
