/** electron-builder.yml is checked offline with electron-builder's own schema (packaging itself needs Windows + downloads). */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const ROOT = join(import.meta.dirname, '..', '..')
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const yaml = require('js-yaml') as { load(text: string): unknown }

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  win: { target: { target: string }[]; icon: string }
  extraResources: { from: string; to: string }[]
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('the schema check itself rejects unknown keys (so the test above can fail)', async () => {
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow()
  })

  it('builds a portable exe and an NSIS installer, without an automatic native rebuild', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['portable', 'nsis'])
    expect(config.npmRebuild).toBe(false)
    expect(config.appId).toBe('org.xmpp-edge-doctor.app')
    expect(config.productName).toBe('XMPP Edge Doctor')
  })

  it('points at files that exist', () => {
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true)
    for (const resource of config.extraResources) expect(existsSync(join(ROOT, resource.from)), resource.from).toBe(true)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> }
    expect(pkg.main).toBe('out/main/main.js')
    expect(pkg.scripts.postinstall).toBeUndefined()
  })
})
