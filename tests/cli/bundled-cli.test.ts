/**
 * The bundled CLI (package.json `bin`), built as `npm ci` and `npm run build` build it and run as a user runs it:
 * a whole node process. Start-up cost is shown by `npm run bench`; here we check what start-up depends on:
 * a command loads only what it uses (no probe, no SQLite, no zip reader for a plain `demo`), and the code cache
 * the launcher keeps (src-main/cli/code-cache-loader.ts) changes nothing but the speed.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { Script } from 'node:vm'
import { Parser } from 'acorn'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli, CLI_BUNDLE_FILE } from '../../scripts/build-cli.mjs'

const ROOT = join(import.meta.dirname, '..', '..')
let dir: string
let bin: string
let loadHook: string

beforeAll(async () => {
  // Inside the project, as out/cli is, so that the native better-sqlite3 resolves from node_modules.
  mkdirSync(join(ROOT, 'test-output'), { recursive: true })
  dir = mkdtempSync(join(ROOT, 'test-output', 'bundled-cli-'))
  bin = await buildCli({ root: ROOT, outdir: join(dir, 'cli') })
  // Records, at exit, every built-in module the process loaded and every file it required.
  loadHook = join(dir, 'record-loads.cjs')
  writeFileSync(
    loadHook,
    "process.on('exit', () => require('fs').writeFileSync(process.env.XED_LOAD_LOG, " +
      "[...process.moduleLoadList, ...Object.keys(require.cache)].join('\\n')))\n",
  )
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A fresh, empty cache home (XDG_CACHE_HOME) for one test. */
function freshCacheHome(): string {
  return mkdtempSync(join(dir, 'cache-home-'))
}

function runBin(args: readonly string[], options: { nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv; cacheHome?: string } = {}) {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      XED_SCENARIOS_DIR: join(ROOT, 'tests', 'scenarios'),
      XDG_CACHE_HOME: options.cacheHome ?? freshCacheHome(),
      XED_CODE_CACHE_TRACE: '1',
      ...options.env,
    },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The code cache events a run traced on stderr (XED_CODE_CACHE_TRACE=1). */
function cacheEvents(stderr: string): { kind: string; file?: string }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('code cache: '))
    .map((line) => JSON.parse(line.slice('code cache: '.length)) as { kind: string; file?: string })
}

/** The modules one CLI run loaded: built-ins as "NativeModule <name>", files by path. */
function modulesLoadedBy(args: readonly string[]): string[] {
  const log = join(dir, `loads-${Math.random().toString(36).slice(2)}.txt`)
  const r = runBin(args, { nodeArgs: ['--require', loadHook], env: { XED_LOAD_LOG: log } })
  expect(r.code, r.stderr).toBe(0)
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
}

/** The result JSON without what differs between any two runs (timings, start time). */
function withoutTimings(json: string): string {
  return json.replace(/"durationMs": [0-9.e-]+/g, '"durationMs": 0').replace(/"startedAt": "[^"]*"/g, '"startedAt": ""')
}

describe('the bundled CLI', () => {
  it('diagnoses a demo scenario with the documented JSON and exit code', () => {
    const r = runBin(['demo', 'healthy-edge', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'xmpp-edge-doctor/result', verdict: 'healthy' })
    const problem = runBin(['demo', 'proxy-service-stopped', '--json'])
    expect(problem.code).toBe(1)
    expect(JSON.parse(problem.stdout)).toMatchObject({ rootCause: { checkId: 'xmpp-proxy-service-running' } })
  })

  it('is what package.json `bin` names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin['xmpp-edge-doctor']).toBe(`out/cli/${basename(bin)}`)
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('prints usage with exit 0 for --help and refuses an unknown command with exit 2', () => {
    expect(runBin(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('usage: xmpp-edge-doctor <command>') })
    expect(runBin(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') })
  })

  it('loads no probe, SQLite, zip or crypto code for a plain demo run', () => {
    const loaded = modulesLoadedBy(['demo', 'healthy-edge', '--json'])
    expect(loaded.some((entry) => entry.endsWith(CLI_BUNDLE_FILE) || entry === 'NativeModule vm')).toBe(true) // the hook saw the run
    for (const heavy of ['tls', 'dns', 'dgram', 'zlib', 'worker_threads', 'crypto', 'child_process']) {
      expect(loaded.filter((entry) => entry === `NativeModule ${heavy}`), heavy).toEqual([])
    }
    expect(loaded.filter((entry) => entry.includes('better-sqlite3'))).toEqual([])
  })

  it('loads SQLite when asked to record, so the split above is not just an unused path', () => {
    const db = join(dir, 'history.sqlite3')
    const loaded = modulesLoadedBy(['demo', 'healthy-edge', '--json', '--db', db])
    expect(loaded.some((entry) => entry.includes('better-sqlite3'))).toBe(true)
  })

  it('stops quietly when its output pipe closes early (as with `| head`)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" demo | head -c 10 >/dev/null; echo "exit=$?"`], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, XED_SCENARIOS_DIR: join(ROOT, 'tests', 'scenarios'), XDG_CACHE_HOME: freshCacheHome() },
    })
    expect(r.stderr).not.toMatch(/EPIPE|Error/)
  })

  it('keeps every lazy import() inside the bundle (a vm.Script has no loader for a real one)', () => {
    const code = readFileSync(join(dir, 'cli', CLI_BUNDLE_FILE), 'utf8')
    const found: string[] = []
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return
      if ((node as { type?: string }).type === 'ImportExpression') found.push(code.slice((node as { start: number }).start, (node as { end: number }).end).slice(0, 80))
      for (const value of Object.values(node)) visit(value)
    }
    visit(Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true }))
    expect(found).toEqual([])
  })

  it('is ASCII, so that the launcher reads it as latin1 into a one-byte string (a probe process starts faster)', () => {
    const bytes = readFileSync(join(dir, 'cli', CLI_BUNDLE_FILE))
    const nonAscii = [...bytes.entries()].filter(([, byte]) => byte >= 0x80).map(([at]) => bytes.subarray(Math.max(0, at - 30), at + 5).toString('utf8'))
    expect(nonAscii).toEqual([])
    expect(readFileSync(bin, 'utf8')).toContain('encoding:"latin1"')
  })
})

describe('the code cache', () => {
  it('is written on the first run into a folder only this user can open, and read on the next', () => {
    const home = freshCacheHome()
    const first = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home })
    expect(first.code, first.stderr).toBe(0)
    expect(cacheEvents(first.stderr).map((e) => e.kind)).toEqual(['miss', 'written'])
    const cacheDir = join(home, 'xmpp-edge-doctor', 'code-cache')
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(home, 'xmpp-edge-doctor')).mode & 0o777).toBe(0o700)
    const files = readdirSync(cacheDir)
    expect(files).toHaveLength(1) // no temporary file left behind
    expect(statSync(join(cacheDir, files[0]!)).mode & 0o777).toBe(0o600)

    const second = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home })
    expect(cacheEvents(second.stderr).map((e) => e.kind)).toEqual(['hit'])
    // Another command, or the same one listing instead of diagnosing, keeps its own cache: `--help` and the
    // scenario list compile other functions than a diagnosis.
    const help = runBin(['--help'], { cacheHome: home })
    expect(cacheEvents(help.stderr).map((e) => e.kind)).toEqual(['miss', 'written'])
    const list = runBin(['demo'], { cacheHome: home })
    expect(cacheEvents(list.stderr).map((e) => e.kind)).toEqual(['miss', 'written'])
    expect(readdirSync(cacheDir)).toHaveLength(3)
    expect(cacheEvents(runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home }).stderr).map((e) => e.kind)).toEqual(['hit'])
  })

  it('changes nothing in the output: no cache, a first run and a cached run print the same bytes', () => {
    const home = freshCacheHome()
    const off = runBin(['demo', 'healthy-edge', '--json'], { env: { XED_CODE_CACHE: 'off' } })
    expect(cacheEvents(off.stderr).map((e) => e.kind)).toEqual(['disabled'])
    const first = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home })
    const cached = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home })
    expect(cacheEvents(cached.stderr).map((e) => e.kind)).toEqual(['hit'])
    for (const run of [off, first, cached]) expect(run.code).toBe(0)
    expect(withoutTimings(first.stdout)).toBe(withoutTimings(off.stdout))
    expect(withoutTimings(cached.stdout)).toBe(withoutTimings(off.stdout))
    // The human-readable output too.
    const textOff = runBin(['demo', 'proxy-service-stopped'], { env: { XED_CODE_CACHE: 'off' } })
    runBin(['demo', 'proxy-service-stopped'], { cacheHome: home })
    const textCached = runBin(['demo', 'proxy-service-stopped'], { cacheHome: home })
    expect(cacheEvents(textCached.stderr).map((e) => e.kind)).toEqual(['hit'])
    expect(textCached.stdout).toBe(textOff.stdout)
    expect(textCached.code).toBe(textOff.code)
  })

  it('ignores a corrupt or foreign cache file and writes a good one over it', () => {
    const home = freshCacheHome()
    const first = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home })
    const file = cacheEvents(first.stderr).find((e) => e.kind === 'written')!.file!
    const good = readFileSync(file)
    const foreign = new Script('globalThis.somethingElse = 1').createCachedData()
    const truncated = good.subarray(0, 1000)
    const garbage = Buffer.alloc(good.length, 0x5a)
    for (const bad of [garbage, foreign, truncated]) {
      writeFileSync(file, bad)
      const run = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home })
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'healthy' })
      expect(cacheEvents(run.stderr).map((e) => e.kind)).toEqual(['rejected', 'written'])
      expect(readFileSync(file).equals(bad)).toBe(false)
      expect(cacheEvents(runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home }).stderr).map((e) => e.kind)).toEqual(['hit'])
    }
  })

  it('runs without a cache when its folder cannot be made, and narrows a folder others could write to', () => {
    const blocked = freshCacheHome()
    writeFileSync(join(blocked, 'xmpp-edge-doctor'), 'a file where the folder would go')
    const run = runBin(['demo', 'healthy-edge', '--json'], { cacheHome: blocked })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'healthy' })
    expect(cacheEvents(run.stderr).map((e) => e.kind)).toEqual(['fallback'])

    const open = freshCacheHome()
    mkdirSync(join(open, 'xmpp-edge-doctor', 'code-cache'), { recursive: true })
    chmodSync(join(open, 'xmpp-edge-doctor', 'code-cache'), 0o777)
    expect(runBin(['--help'], { cacheHome: open }).code).toBe(0)
    expect(statSync(join(open, 'xmpp-edge-doctor', 'code-cache')).mode & 0o777).toBe(0o700)
  })

  it('is off with XED_CODE_CACHE=off: nothing is written', () => {
    const home = freshCacheHome()
    expect(runBin(['demo', 'healthy-edge', '--json'], { cacheHome: home, env: { XED_CODE_CACHE: 'off' } }).code).toBe(0)
    expect(existsSync(join(home, 'xmpp-edge-doctor'))).toBe(false)
  })
})
