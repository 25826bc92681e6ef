/**
 * Both Windows packages, checked offline with electron-builder's own loader (extends merged as it merges
 * them) and schema: the current build (electron-builder.yml, Electron 45) and the legacy one
 * (electron-builder.legacy.yml, Electron 22.3). Packaging itself needs Windows and downloads
 * (docs/desktop-builds.md says what only a Windows build machine shows).
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LEGACY_ELECTRON_VERSION, LEGACY_STAGE_DIR } from '../../scripts/stage-legacy-app.mjs'

const require = createRequire(import.meta.url)
const ROOT = join(import.meta.dirname, '..', '..')
const { validateConfiguration, getConfig } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
  getConfig(projectDir: string, configPath: string, configFromOptions: unknown): Promise<BuilderConfig>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const yaml = require('js-yaml') as { load(text: string): unknown }

interface BuilderConfig {
  [key: string]: unknown
  appId: string
  productName: string
  electronVersion?: string
  npmRebuild: boolean
  directories: { output: string; app?: string; buildResources: string }
  files: unknown
  asarUnpack: string[]
  win: { target: { target: string; arch: string[] }[]; icon: string }
  portable: { artifactName: string }
  nsis: { artifactName: string; shortcutName: string }
  extraResources: { from: string; to: string }[]
  extraFiles: { from: string; to: string }[]
}

const load = (file: string): Promise<BuilderConfig> => getConfig(ROOT, join(ROOT, file), null)
const raw = (file: string): BuilderConfig => yaml.load(readFileSync(join(ROOT, file), 'utf8')) as BuilderConfig
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string
  productName: string
  scripts: Record<string, string>
  devDependencies: Record<string, string>
}

describe.each([
  { file: 'electron-builder.yml', windows: 'WinServer2016-and-later' },
  { file: 'electron-builder.legacy.yml', windows: 'WinServer2008R2-2012R2-legacy' },
])('$file', ({ file, windows }) => {
  it('passes electron-builder\'s schema, as electron-builder loads it', async () => {
    const config = await load(file)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('the schema check itself rejects unknown keys (so the test above can fail)', async () => {
    const config = await load(file)
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow()
  })

  it('builds a portable exe and an NSIS installer whose names say which Windows they are for', async () => {
    const config = await load(file)
    expect(config.win.target.map((t) => t.target)).toEqual(['portable', 'nsis'])
    expect(config.win.target.every((t) => t.arch.join() === 'x64')).toBe(true)
    expect(config.portable.artifactName).toBe(`XMPP-Edge-Doctor-\${version}-${windows}-portable.\${ext}`)
    expect(config.nsis.artifactName).toBe(`XMPP-Edge-Doctor-\${version}-${windows}-setup.\${ext}`)
    expect(config.npmRebuild).toBe(false)
    expect(config.appId).toBe('org.xmpp-edge-doctor.app')
    expect(config.productName).toBe('XMPP Edge Doctor')
  })

  it('ships the CLI beside the exe and unpacks what the CLI loads outside the archive', async () => {
    const config = await load(file)
    expect(config.extraFiles).toContainEqual({ from: 'assets/xmpp-edge-doctor.cmd', to: 'xmpp-edge-doctor.cmd' })
    for (const dir of ['node_modules/better-sqlite3/**', 'node_modules/bindings/**', 'node_modules/file-uri-to-path/**', 'out/packaged-cli/**']) {
      expect(config.asarUnpack).toContain(dir)
    }
    // The .cmd runs the exe with ELECTRON_RUN_AS_NODE: the RunAsNode fuse must stay on.
    expect((config.electronFuses as { runAsNode?: boolean } | undefined)?.runAsNode).not.toBe(false)
  })

  it('points at files that exist', async () => {
    const config = await load(file)
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true)
    for (const resource of [...config.extraResources, ...config.extraFiles]) expect(existsSync(join(ROOT, resource.from)), resource.from).toBe(true)
  })
})

describe('current and legacy builds side by side', () => {
  it('the current build takes Electron from package.json; the legacy one pins the last 22.3.x', async () => {
    expect((await load('electron-builder.yml')).electronVersion).toBeUndefined()
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/)
    const legacy = await load('electron-builder.legacy.yml')
    expect(legacy.electronVersion).toBe(LEGACY_ELECTRON_VERSION)
    expect(LEGACY_ELECTRON_VERSION).toMatch(/^22\.3\.\d+$/)
  })

  it('the legacy build only overrides what differs: Electron, the staged app folder, output and names', () => {
    expect(Object.keys(raw('electron-builder.legacy.yml')).sort()).toEqual(['directories', 'electronVersion', 'extends', 'nsis', 'portable'])
    expect(raw('electron-builder.legacy.yml').extends).toBe('electron-builder.yml')
  })

  it('packages from different folders into different outputs', async () => {
    const current = await load('electron-builder.yml')
    const legacy = await load('electron-builder.legacy.yml')
    expect(current.directories.app).toBeUndefined()
    expect(legacy.directories.app).toBe(LEGACY_STAGE_DIR)
    expect(legacy.directories.output).not.toBe(current.directories.output)
    expect(legacy.directories.buildResources).toBe(current.directories.buildResources)
  })

  it('main is the CommonJS bundle (Electron 22 cannot load an ES module main), and no postinstall rebuild', () => {
    expect(pkg.main).toBe('out/main/main.cjs')
    expect(pkg.scripts.postinstall).toBeUndefined()
  })
})
