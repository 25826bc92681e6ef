/**
 * The CLI inside the packaged Windows app (issue "Fast start" item 2): `"XMPP Edge Doctor.exe" --cli …`
 * routing, the xmpp-edge-doctor.cmd that the NSIS setup puts beside the exe, and the CommonJS CLI bundle run
 * from a copy of the package's resources layout (app.asar.unpacked) under plain Node with the real
 * better-sqlite3. What needs Windows (the exe as Node, console output of the portable exe) is listed in
 * docs/desktop-builds.md.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildPackagedCli } from '../../scripts/build-cli.mjs'
import { describeAppVersion, detectBuildFlavour } from '../../src-shared/build/build-flavour'
import { launchModeOf } from '../../src-main/electron/launch-mode'

const ROOT = join(import.meta.dirname, '..', '..')
const require = createRequire(import.meta.url)
const yaml = require('js-yaml') as { load(text: string): unknown }
const CMD = readFileSync(join(ROOT, 'assets', 'xmpp-edge-doctor.cmd'), 'utf8')

describe('--cli routing', () => {
  it('runs the window without --cli, and the CLI with everything after --cli', () => {
    expect(launchModeOf(['C:\\Apps\\XMPP Edge Doctor.exe'])).toEqual({ kind: 'window' })
    expect(launchModeOf(['XMPP Edge Doctor.exe', '--cli', 'analyze', 'C:\\evidence', '--json'])).toEqual({ kind: 'cli', args: ['analyze', 'C:\\evidence', '--json'] })
    // Development: electron . --cli demo
    expect(launchModeOf(['electron', '.', '--cli', 'demo'])).toEqual({ kind: 'cli', args: ['demo'] })
    expect(launchModeOf(['XMPP Edge Doctor.exe', '--cli'])).toEqual({ kind: 'cli', args: [] })
  })

  it('ignores --cli as the program itself, after "--", or as a later argument of the CLI', () => {
    expect(launchModeOf(['--cli'])).toEqual({ kind: 'window' })
    expect(launchModeOf(['exe', '--', '--cli'])).toEqual({ kind: 'window' })
    expect(launchModeOf(['exe', '--cli', 'demo', '--cli'])).toEqual({ kind: 'cli', args: ['demo', '--cli'] })
  })
})

describe('build flavour', () => {
  it('tells the legacy Electron 22 from the current one, development and plain Node', () => {
    expect(detectBuildFlavour('22.3.27', true)).toBe('legacy')
    expect(detectBuildFlavour('23.0.0', true)).toBe('current')
    expect(detectBuildFlavour('45.5.0', true)).toBe('current')
    expect(detectBuildFlavour('45.5.0', false)).toBe('dev')
    expect(detectBuildFlavour(undefined, true)).toBe('node')
  })

  it('names the build in the version that reports and the history record', () => {
    expect(describeAppVersion('0.1.0', { flavour: 'legacy', electron: '22.3.27' })).toBe('0.1.0 (legacy build, Electron 22.3.27)')
    expect(describeAppVersion('0.1.0', { flavour: 'current', electron: '45.5.0' })).toBe('0.1.0 (current build, Electron 45.5.0)')
    expect(describeAppVersion('0.1.0', { flavour: 'node', electron: null })).toBe('0.1.0')
  })
})

describe('xmpp-edge-doctor.cmd', () => {
  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { productName: string; asarUnpack: string[] }

  it('runs the app\'s own exe as Node on the unpacked CLI bundle, with every argument, and passes the exit code on', () => {
    const lines = CMD.split('\r\n')
    expect(lines[0]).toBe('@echo off')
    expect(lines).toContain('setlocal')
    expect(lines).toContain('set ELECTRON_RUN_AS_NODE=1')
    expect(lines).toContain('set "XED_SCENARIOS_DIR=%~dp0resources\\scenarios"')
    expect(lines).toContain(`"%~dp0${config.productName}.exe" "%~dp0resources\\app.asar.unpacked\\out\\packaged-cli\\xmpp-edge-doctor.cjs" %*`)
    expect(lines).toContain('endlocal & exit /b %ERRORLEVEL%')
  })

  it('uses Windows line ends only, and names a bundle that the package unpacks from the archive', () => {
    expect(CMD.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(config.asarUnpack).toContain('out/packaged-cli/**')
  })
})

describe('packaged CLI bundle from a copy of resources/app.asar.unpacked', () => {
  let dir: string
  let cli: string
  let unpacked: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xed-packaged-cli-'))
    unpacked = join(dir, 'resources', 'app.asar.unpacked')
    cli = await buildPackagedCli({ root: ROOT, outfile: join(unpacked, 'out', 'packaged-cli', 'xmpp-edge-doctor.cjs') })
    // What electron-builder*.yml asarUnpack puts beside it: the native module and what it loads the .node with.
    const sqlite = dirname(require.resolve('better-sqlite3/package.json'))
    const target = join(unpacked, 'node_modules', 'better-sqlite3')
    for (const part of ['package.json', 'lib', join('build', 'Release', 'better_sqlite3.node')]) cpSync(join(sqlite, part), join(target, part), { recursive: true })
    for (const name of ['bindings', 'file-uri-to-path']) cpSync(dirname(require.resolve(`${name}/package.json`, { paths: [sqlite] })), join(unpacked, 'node_modules', name), { recursive: true })
    cpSync(join(ROOT, 'tests', 'scenarios'), join(dir, 'resources', 'scenarios'), { recursive: true })
  }, 60_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** As xmpp-edge-doctor.cmd runs it: the scenarios from resources\scenarios, nothing else from this project. */
  const run = (args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, XED_SCENARIOS_DIR: join(dir, 'resources', 'scenarios') },
      encoding: 'utf8',
      timeout: 30_000,
    })

  it('finds better-sqlite3 in app.asar.unpacked, not in this project', () => {
    const resolved = createRequire(cli).resolve('better-sqlite3')
    expect(realpathSync(resolved).startsWith(realpathSync(unpacked))).toBe(true)
  })

  it('is a CommonJS file (ELECTRON_RUN_AS_NODE loads it with require, also on Electron 22)', () => {
    expect(cli.endsWith('.cjs')).toBe(true)
    expect(readFileSync(cli, 'utf8')).not.toMatch(/\bimport\.meta\b/)
  })

  it('runs demo with the exit codes of the CLI', () => {
    const healthy = run(['demo', 'healthy-edge', '--json'])
    expect(healthy.stderr).toBe('')
    expect(healthy.status).toBe(0)
    expect(JSON.parse(healthy.stdout)).toMatchObject({ verdict: 'healthy' })
    expect(run(['demo', 'certificate-expired']).status).toBe(1)
    expect(run(['no-such-command']).status).toBe(2)
  })

  it('records into SQLite and reads the history back with the unpacked better-sqlite3', () => {
    const db = join(dir, 'history.sqlite')
    const analyzed = run(['analyze', join(dir, 'resources', 'scenarios', 'certificate-expired'), '--db', db])
    expect(analyzed.status, analyzed.stderr).toBe(1)
    const listed = run(['history', 'list', '--db', db, '--json'])
    expect(listed.status, listed.stderr).toBe(0)
    expect(listed.stdout).toContain('certificate')
  })
})
