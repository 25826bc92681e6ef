/**
 * The bundled CLI (package.json `bin`), built as `npm ci` and `npm run build` build it and run as a user runs it:
 * a whole node process. Start-up cost is shown by `npm run bench`; here we check what start-up depends on:
 * a command loads only what it uses (no probe, no SQLite, no zip reader for a plain `demo`).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli } from '../../scripts/build-cli.mjs'

const ROOT = join(import.meta.dirname, '..', '..')
let dir: string
let bin: string
let loadHook: string

beforeAll(async () => {
  // Inside the project, as out/cli is, so that the native better-sqlite3 resolves from node_modules.
  mkdirSync(join(ROOT, 'test-output'), { recursive: true })
  dir = mkdtempSync(join(ROOT, 'test-output', 'bundled-cli-'))
  bin = await buildCli({ root: ROOT, outdir: join(dir, 'cli') })
  // Records every module the process resolves (Node 20's module.register hooks run off-thread; append to a file).
  loadHook = join(dir, 'record-loads.mjs')
  writeFileSync(
    loadHook,
    "import { register } from 'node:module'\n" +
      'register(\'data:text/javascript,\' + encodeURIComponent(`import { appendFileSync } from "node:fs"; ' +
      'export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(process.env.XED_LOAD_LOG)}, r.url + "\\\\n"); return r }`))\n',
  )
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runBin(args: readonly string[], extraNodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [...extraNodeArgs, bin, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, XED_SCENARIOS_DIR: join(ROOT, 'tests', 'scenarios'), ...env },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The modules one CLI run resolved (node: built-ins and files). */
function modulesLoadedBy(args: readonly string[]): string[] {
  const log = join(dir, `loads-${Math.random().toString(36).slice(2)}.txt`)
  writeFileSync(log, '')
  const r = runBin(args, ['--import', loadHook], { XED_LOAD_LOG: log })
  expect(r.code, r.stderr).toBe(0)
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
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

  it('prints usage with exit 0 for --help and refuses an unknown command with exit 2', () => {
    expect(runBin(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('usage: xmpp-edge-doctor <command>') })
    expect(runBin(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') })
  })

  it('loads no probe, SQLite or zip code for a plain demo run', () => {
    const loaded = modulesLoadedBy(['demo', 'healthy-edge', '--json'])
    expect(loaded.some((url) => url.includes('demo-command'))).toBe(true) // the hook saw the run
    for (const heavy of ['node:tls', 'node:dns', 'node:zlib', 'node:worker_threads', 'better-sqlite3']) {
      expect(loaded.filter((url) => url.includes(heavy))).toEqual([])
    }
  })

  it('loads SQLite when asked to record, so the split above is not just an unused path', () => {
    const db = join(dir, 'history.sqlite3')
    const loaded = modulesLoadedBy(['demo', 'healthy-edge', '--json', '--db', db])
    expect(loaded.some((url) => url.includes('better-sqlite3'))).toBe(true)
  })

  it('stops quietly when its output pipe closes early (as with `| head`)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" demo | head -c 10 >/dev/null; echo "exit=$?"`], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, XED_SCENARIOS_DIR: join(ROOT, 'tests', 'scenarios') },
    })
    expect(r.stderr).not.toMatch(/EPIPE|Error/)
  })
})
