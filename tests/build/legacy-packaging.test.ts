/**
 * The legacy package's staged app (scripts/stage-legacy-app.mjs → electron-builder.legacy.yml
 * directories.app) and its security check. Fetching and rebuilding better-sqlite3 for Electron 22 needs the
 * network and Electron's headers or prebuilt binary: a Windows build machine (docs/desktop-builds.md); here the
 * staging runs with --dry-run and the commands it would run are checked.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  LEGACY_BETTER_SQLITE3,
  LEGACY_ELECTRON_VERSION,
  SQLITE_AMALGAMATION_FILES,
  legacyAppManifest,
  legacyInstallCommand,
  legacyRebuildCommand,
  swapAmalgamation,
} from '../../scripts/stage-legacy-app.mjs'

const ROOT = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { main: string; version: string; dependencies: Record<string, string> }
const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('staged legacy app', () => {
  it('has the project\'s identity and CommonJS main, and better-sqlite3 8.7.0 as its only dependency', () => {
    const manifest = legacyAppManifest(pkg)
    expect(manifest).toMatchObject({ name: pkg.name, productName: pkg.productName, version: pkg.version, main: 'out/main/main.cjs' })
    expect(manifest.dependencies).toEqual({ 'better-sqlite3': '8.7.0' })
    expect(manifest).not.toHaveProperty('type')
    // The project itself stays on 12.x for Node 20 and the current Electron.
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\./)
    expect(LEGACY_BETTER_SQLITE3).toBe('8.7.0')
  })

  it('rebuilds only better-sqlite3, from source, for Electron 22.3.27 x64, after an install that runs no install scripts', () => {
    const [program, install] = legacyInstallCommand()
    expect(program).toBe('npm')
    expect(install).toEqual(expect.arrayContaining(['install', '--omit=dev', '--ignore-scripts']))
    const [, rebuild] = legacyRebuildCommand('/stage', ROOT)
    expect(rebuild).toEqual(expect.arrayContaining(['--version', LEGACY_ELECTRON_VERSION, '--arch', 'x64', '--only', 'better-sqlite3', '--force', '--build-from-source', '--module-dir', '/stage']))
    expect(existsSync(rebuild[0]!)).toBe(true)
  })

  it('puts the project\'s SQLite amalgamation (newer than 8.7.0\'s 3.43.1) into the staged better-sqlite3', () => {
    const stage = mkdtempSync(join(tmpdir(), 'xed-amalgamation-'))
    dirs.push(stage)
    mkdirSync(join(stage, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3'), { recursive: true })
    const { from, to } = swapAmalgamation(ROOT, stage)
    for (const file of SQLITE_AMALGAMATION_FILES) expect(readFileSync(join(to, file)).equals(readFileSync(join(from, file))), file).toBe(true)
    const version = /#define SQLITE_VERSION_NUMBER (\d+)/.exec(readFileSync(join(to, 'sqlite3.h'), 'utf8'))?.[1]
    // FTS5 contentless_unindexed (our history's search index) needs SQLite 3.48 or later.
    expect(Number(version)).toBeGreaterThanOrEqual(3_048_000)
  })

  it('copies the bundles without source maps or the Node CLI, and prints what it would run (--dry-run)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-stage-'))
    dirs.push(dir)
    const out = join(dir, 'out')
    for (const [file, text] of [
      ['main/main.cjs', 'module.exports = {}'],
      ['main/main.cjs.map', '{}'],
      ['preload/preload.cjs', ''],
      ['renderer/index.html', '<!doctype html>'],
      ['packaged-cli/xmpp-edge-doctor.cjs', ''],
      ['cli/xmpp-edge-doctor.mjs', ''],
    ] as const) {
      mkdirSync(join(out, file, '..'), { recursive: true })
      writeFileSync(join(out, file), text)
    }
    const stage = join(dir, 'legacy-app')
    const run = spawnSync(process.execPath, ['scripts/stage-legacy-app.mjs', '--stage', stage, '--out', out, '--dry-run'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'))).toEqual(legacyAppManifest(pkg))
    for (const kept of ['main/main.cjs', 'preload/preload.cjs', 'renderer/index.html', 'packaged-cli/xmpp-edge-doctor.cjs']) expect(existsSync(join(stage, 'out', kept)), kept).toBe(true)
    for (const dropped of ['main/main.cjs.map', 'cli']) expect(existsSync(join(stage, 'out', dropped)), dropped).toBe(false)
    expect(run.stdout).toContain(`--version ${LEGACY_ELECTRON_VERSION}`)
    expect(run.stdout).toMatch(/would run: npm install --omit=dev --ignore-scripts/)
    expect(run.stdout).toMatch(/would copy: sqlite3\.c, sqlite3\.h, sqlite3ext\.h/)
    expect(run.stdout).toContain('--build-from-source')
  })

  it('refuses to stage before the build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-stage-empty-'))
    dirs.push(dir)
    const run = spawnSync(process.execPath, ['scripts/stage-legacy-app.mjs', '--stage', join(dir, 'stage'), '--out', join(dir, 'out'), '--dry-run'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('npm run build')
  })
})

describe('security check of the legacy build', () => {
  it('electronegativity runs against the legacy Electron as well as the current one', () => {
    // The same parts `npm run security` stages, copied here so this test never shares its staging folder.
    const input = mkdtempSync(join(tmpdir(), 'xed-security-'))
    dirs.push(input)
    for (const part of ['src-main/electron', 'src-main/preload', 'src-renderer']) cpSync(join(ROOT, part), join(input, part), { recursive: true })
    const run = spawnSync(process.execPath, ['scripts/security-check.mjs', '--input', input], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(`Electron ${(JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version} and ${LEGACY_ELECTRON_VERSION}`)
  }, 130_000)
})
