/**
 * `npm run build` output: the bundled main process starts under Node with a stand-in for Electron
 * (module interop of the bundled dependencies, paths to preload and renderer, every IPC channel
 * registered), and the sandboxed preload is a CommonJS file that needs nothing but electron.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
        ['--import', './tests/app/helpers/register-electron-stub.mjs', '--input-type=module', '-e', "await import('./out/main/main.js')"],
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

  it('keeps the preload to contextBridge and ipcRenderer', () => {
    const preload = readFileSync(join(ROOT, 'out/preload/preload.cjs'), 'utf8')
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    expect(required).toEqual(['electron'])
    expect(preload).not.toMatch(/\bprocess\.|child_process|node:/)
  })
})
