/**
 * The code cache's pieces that need no process of their own: where the cache lives, what its file name is keyed
 * by, the private folder check and the atomic write. The whole loader runs in tests/cli/bundled-cli.test.ts.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cacheFileName, codeCacheDir, preparePrivateDir, writeCacheFile } from '../../src-main/cli/code-cache-loader'
import { cacheVariantOf } from '../../src-main/cli/command-names'

const scratch = mkdtempSync(join(tmpdir(), 'xed-code-cache-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('codeCacheDir', () => {
  it('uses the per-user cache folder of each platform', () => {
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Local\\xmpp-edge-doctor\\code-cache')
    expect(codeCacheDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Caches/xmpp-edge-doctor/code-cache')
    expect(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/ann' }, 'linux', '/home/ann')).toBe('/var/cache/ann/xmpp-edge-doctor/code-cache')
    expect(codeCacheDir({}, 'linux', '/home/ann')).toBe('/home/ann/.cache/xmpp-edge-doctor/code-cache')
  })

  it('ignores a relative XDG_CACHE_HOME (the XDG spec), and gives no folder when none is known or the cache is off', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: 'cache' }, 'linux', '/home/ann')).toBe('/home/ann/.cache/xmpp-edge-doctor/code-cache')
    expect(codeCacheDir({}, 'linux', null)).toBeNull()
    expect(codeCacheDir({}, 'win32', 'C:\\Users\\ann')).toBeNull()
    expect(codeCacheDir({ XED_CODE_CACHE: 'off' }, 'linux', '/home/ann')).toBeNull()
  })
})

describe('cacheFileName', () => {
  const key = { bundleHash: '5130f9b559318c714332f7a11265168efb6c3edaabc46e9cc8d295d39fe67d52', size: 691557, mtimeMs: 1796215169129.5, variant: 'demo' }
  const runtime = { version: 'v20.20.2', arch: 'x64' }

  it('changes with the bundle, the command and the runtime', () => {
    const name = cacheFileName(key, runtime)
    expect(name).toMatch(/^cli-[0-9a-z-]+\.v8cache$/)
    const variants = [
      cacheFileName({ ...key, bundleHash: `0${key.bundleHash.slice(1)}` }, runtime),
      cacheFileName({ ...key, size: key.size + 1 }, runtime),
      cacheFileName({ ...key, mtimeMs: key.mtimeMs + 1000 }, runtime),
      cacheFileName({ ...key, variant: 'analyze' }, runtime),
      cacheFileName(key, { ...runtime, version: 'v22.11.0' }),
      cacheFileName(key, { ...runtime, arch: 'arm64' }),
    ]
    expect(new Set([name, ...variants]).size).toBe(variants.length + 1)
  })

  it('keeps only safe characters, whatever a command name holds', () => {
    expect(cacheFileName({ ...key, variant: '../../etc/passwd' }, runtime)).toMatch(/^cli-[0-9a-z-]+\.v8cache$/)
  })
})

describe('cacheVariantOf', () => {
  it('keeps a cache per command and per shape: with an operand, or bare', () => {
    expect(cacheVariantOf(['demo', 'healthy-edge', '--json'])).toBe('demo')
    expect(cacheVariantOf(['demo'])).toBe('demo-bare')
    expect(cacheVariantOf(['demo', '--json'])).toBe('demo-bare')
    expect(cacheVariantOf(['cert-check', 'edge.pfx'])).toBe('cert-check')
    expect(cacheVariantOf(['history', 'show', '3'])).toBe('history')
  })

  it('shares one cache for help and anything unknown', () => {
    expect(cacheVariantOf(['--help'])).toBe('other')
    expect(cacheVariantOf(['demo', '--help'])).toBe('other')
    expect(cacheVariantOf(['analyze', 'x', '-h'])).toBe('other')
    expect(cacheVariantOf(['frobnicate', 'x'])).toBe('other')
    expect(cacheVariantOf([])).toBe('other')
  })
})

describe('preparePrivateDir', () => {
  it('creates the folder (and its parents) 0700', () => {
    const dir = join(scratch, 'new', 'xmpp-edge-doctor', 'code-cache')
    expect(preparePrivateDir(dir, 'linux')).toBe(true)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(scratch, 'new', 'xmpp-edge-doctor')).mode & 0o777).toBe(0o700)
  })

  it('narrows an existing folder that others could write to', () => {
    const dir = join(scratch, 'wide')
    mkdirSync(dir)
    chmodSync(dir, 0o777)
    expect(preparePrivateDir(dir, 'linux')).toBe(true)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('refuses a link in place of the folder', () => {
    const target = join(scratch, 'elsewhere')
    mkdirSync(target, { mode: 0o700 })
    const link = join(scratch, 'linked')
    symlinkSync(target, link)
    expect(preparePrivateDir(link, 'linux')).toBe(false)
  })

  it.runIf(process.getuid?.() === 0)('refuses a folder another user owns (run as root: chown is allowed)', () => {
    const dir = join(scratch, 'foreign')
    mkdirSync(dir, { mode: 0o700 })
    chownSync(dir, 65534, 65534)
    expect(preparePrivateDir(dir, 'linux')).toBe(false)
  })
})

describe('writeCacheFile', () => {
  it('replaces the file whole, 0600, and leaves no temporary file', () => {
    const dir = join(scratch, 'write')
    mkdirSync(dir, { mode: 0o700 })
    const file = join(dir, 'cli-aaaa-1-1-demo-v20-x64.v8cache')
    writeFileSync(file, 'old')
    writeCacheFile(file, Buffer.from('new cache bytes'))
    expect(readFileSync(file, 'utf8')).toBe('new cache bytes')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['cli-aaaa-1-1-demo-v20-x64.v8cache'])
  })

  it('keeps the 24 newest cache files and nothing else of its kind', () => {
    const dir = join(scratch, 'prune')
    mkdirSync(dir, { mode: 0o700 })
    for (let i = 0; i < 26; i++) {
      const old = join(dir, `cli-old${i}-1-1-demo-v20-x64.v8cache`)
      writeFileSync(old, 'x')
      utimesSync(old, 1_000_000 + i, 1_000_000 + i)
    }
    writeFileSync(join(dir, 'unrelated.txt'), 'kept')
    writeCacheFile(join(dir, 'cli-new-1-1-demo-v20-x64.v8cache'), Buffer.from('y'))
    const left = readdirSync(dir).sort()
    expect(left).toContain('unrelated.txt')
    expect(left).toContain('cli-new-1-1-demo-v20-x64.v8cache')
    // The newest 23 old ones (3..25) stay beside the new one; 0, 1 and 2 are gone.
    const kept = Array.from({ length: 23 }, (_, i) => `cli-old${i + 3}-1-1-demo-v20-x64.v8cache`).sort()
    expect(left.filter((name) => name.startsWith('cli-old'))).toEqual(kept)
  })
})
