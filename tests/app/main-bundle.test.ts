/**
 * `npm run build` output: the bundled main process (CommonJS, so that Electron 22 of the legacy build can
 * load it) starts under Node with a stand-in for Electron (module interop of the bundled dependencies, paths
 * to preload and renderer, every IPC channel registered), `--cli` runs the command line without a window,
 * and the sandboxed preload is a CommonJS file that needs nothing but electron.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Script } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS } from '../../src-shared/ipc/api-contract'

const ROOT = join(import.meta.dirname, '..', '..')

describe('built app', () => {
  it('builds, and the main bundle starts with every channel, the menu and a locked-down window', () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 })
    const home = mkdtempSync(join(tmpdir(), 'xed-bundle-'))
    try {
      const output = execFileSync(
        process.execPath,
        ['--import', './tests/app/helpers/require-electron-stub.mjs', '-e', "require('./out/main/main.cjs')"],
        { cwd: ROOT, env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data') }, timeout: 30_000, encoding: 'utf8' },
      )
      const report = JSON.parse(output.trim().split('\n').at(-1)!) as {
        handlers: string[]
        windows: { webPreferences: Record<string, unknown>; preloadExists: boolean; indexExists: boolean }[]
        menu: boolean
        singleInstance: boolean
        csp: boolean
        permissions: boolean
      }
      expect(report.singleInstance).toBe(true)
      expect(report.handlers.sort()).toEqual(Object.values(INVOKE_CHANNELS).sort())
      expect(report.windows).toHaveLength(1)
      expect(report.windows[0]).toMatchObject({ preloadExists: true, indexExists: true })
      expect(report.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
      expect(report).toMatchObject({ menu: true, csp: true, permissions: true })
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  }, 150_000)

  it('is the file package.json names as main, and CommonJS', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }
    expect(pkg.main).toBe('out/main/main.cjs')
    // A script (not a module) compiles only without import/export declarations and import.meta.
    expect(() => new Script(readFileSync(join(ROOT, pkg.main), 'utf8'), { filename: pkg.main })).not.toThrow()
  })

  it('runs the command line with --cli: output on stdout, the exit code, no window', () => {
    const home = mkdtempSync(join(tmpdir(), 'xed-bundle-cli-'))
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', './tests/app/helpers/require-electron-stub.mjs', '-e', "require('./out/main/main.cjs')", '--', '--cli', 'demo', 'certificate-expired', '--json'],
        { cwd: ROOT, env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data') }, timeout: 30_000, encoding: 'utf8' },
      )
      expect(run.status).toBe(1)
      expect(JSON.parse(run.stdout)).toMatchObject({ format: 'xmpp-edge-doctor/result', verdict: 'problems' })
      // The stand-in prints its report only when a window loads: none was created.
      expect(run.stdout).not.toContain('"handlers"')
      const usage = spawnSync(process.execPath, ['--import', './tests/app/helpers/require-electron-stub.mjs', '-e', "require('./out/main/main.cjs')", '--', '--cli', 'nonsense'], {
        cwd: ROOT,
        timeout: 30_000,
        encoding: 'utf8',
      })
      expect(usage.status).toBe(2)
      expect(usage.stderr).toContain('unknown command "nonsense"')
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('keeps the preload to contextBridge and ipcRenderer', () => {
    const preload = readFileSync(join(ROOT, 'out/preload/preload.cjs'), 'utf8')
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    expect(required).toEqual(['electron'])
    expect(preload).not.toMatch(/\bprocess\.|child_process|node:/)
  })
})
