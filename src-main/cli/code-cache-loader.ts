/**
 * Runs the bundled CLI (one CommonJS file) through V8's code cache, so that a second start skips parsing and
 * compiling what the first one compiled (issue "Fast start": most of a short run is start-up).
 *
 * The cache is an optimisation and never a correctness risk: any failure while finding, reading or checking it
 * falls back to compiling the bundle as plain CommonJS would; a cache V8 rejects (other V8, other flags, other
 * source) is rebuilt; a cache that cannot be written is skipped. The cache file is keyed by the bundle's build
 * hash, its size and mtime, the Node version and the architecture, and lives in a per-user folder created 0700
 * (a cache file holds bytecode that V8 runs, so nobody else may be able to write it).
 *
 * Node 16.17 APIs only (the same loader may serve the packaged app's Electron 22); `module.enableCompileCache`
 * (Node 22.1) would do the same for plain require(), but not on Node 20, which the `bin` supports.
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, chmodSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, posix, win32 } from 'node:path'
import { Script } from 'node:vm'

/** What happened to the cache in one run (shown with XED_CODE_CACHE_TRACE=1; tests read it). */
export type CodeCacheEvent =
  | { readonly kind: 'disabled'; readonly reason: string }
  | { readonly kind: 'hit'; readonly file: string }
  | { readonly kind: 'miss'; readonly file: string }
  | { readonly kind: 'rejected'; readonly file: string }
  | { readonly kind: 'written'; readonly file: string; readonly bytes: number }
  | { readonly kind: 'write-failed'; readonly file: string; readonly reason: string }
  | { readonly kind: 'fallback'; readonly reason: string }

export interface CodeCacheOptions {
  /** The CommonJS bundle to run. */
  readonly bundlePath: string
  /** The bundle's content hash, computed when it was built (hashing it at every start would cost more than it saves). */
  readonly bundleHash: string
  /**
   * 'latin1' when the build found the bundle pure ASCII (then latin1 is exact, and V8 gets a one-byte string, half
   * the memory of the two-byte one UTF-8 decoding gives a text with any non-ASCII character); default 'utf8'.
   */
  readonly bundleEncoding?: 'latin1' | 'utf8'
  /** Keeps one cache per command: each holds the functions its command compiled (`demo` needs other code than `--help`). */
  readonly variant: string
  /** The cache folder, or null for no cache (see codeCacheDir). */
  readonly cacheDir: string | null
  readonly onEvent?: (event: CodeCacheEvent) => void
}

/**
 * Cache files kept per folder: every command in both shapes (command-names.ts cacheVariantOf) with room for a
 * second Node version or install; older ones are removed on write. Each holds 0.1–0.6 MB.
 */
const KEEP_CACHE_FILES = 24
const CACHE_FILE = /^cli-[0-9a-z-]+\.v8cache$/

/**
 * The per-user cache folder: %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS, $XDG_CACHE_HOME (when
 * absolute, as the XDG spec requires) or ~/.cache elsewhere. Null when none is known or XED_CODE_CACHE=off.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string | null): string | null {
  if (env.XED_CODE_CACHE === 'off') return null
  const path = platform === 'win32' ? win32 : posix
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : null
      : platform === 'darwin'
        ? home && path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache')
  return base ? path.join(base, 'xmpp-edge-doctor', 'code-cache') : null
}

/** The cache file's name: everything that makes a cache belong to this bundle on this runtime. */
export function cacheFileName(key: { bundleHash: string; size: number; mtimeMs: number; variant: string }, runtime: { version: string; arch: string }): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^0-9a-z]+/g, '-')
  return `cli-${safe(key.bundleHash).slice(0, 16)}-${key.size}-${Math.trunc(key.mtimeMs)}-${safe(key.variant)}-${safe(runtime.version)}-${safe(runtime.arch)}.v8cache`
}

/**
 * Makes sure `dir` exists and only this user can write in it: created 0700; an existing folder must be a real
 * folder (not a link) owned by this user, and is narrowed to 0700 if it was wider. False: do not use it.
 * Windows has no POSIX modes; %LOCALAPPDATA% is per-user already.
 */
export function preparePrivateDir(dir: string, platform: NodeJS.Platform = process.platform): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (platform === 'win32') return true
  const stats = lstatSync(dir)
  if (!stats.isDirectory()) return false
  if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) return false
  if ((stats.mode & 0o077) !== 0) chmodSync(dir, 0o700)
  return (lstatSync(dir).mode & 0o077) === 0
}

/** Node's CommonJS wrapper, with a leading `#!` line turned into a comment (positions in stack traces stay). */
function wrapCommonJs(source: string): string {
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source
  return `(function (exports, require, module, __filename, __dirname) { ${body}\n})`
}

interface Prepared {
  readonly script: Script
  /** Where to write a new cache at exit, or null when the one read was accepted (or there is no cache folder). */
  readonly writeTo: string | null
}

/** Reads the bundle and compiles it, with the cache when there is a usable one. Throws only for a broken bundle. */
function prepare(options: CodeCacheOptions, emit: (event: CodeCacheEvent) => void): Prepared {
  const source = readFileSync(options.bundlePath, options.bundleEncoding ?? 'utf8')
  const wrapped = wrapCommonJs(source)
  let cacheFile: string | null = null
  let cachedData: Buffer | undefined
  try {
    if (options.cacheDir === null) {
      emit({ kind: 'disabled', reason: 'no cache folder' })
    } else if (!preparePrivateDir(options.cacheDir)) {
      emit({ kind: 'disabled', reason: `${options.cacheDir} is not a private folder of this user` })
    } else {
      const stats = statSync(options.bundlePath)
      cacheFile = join(options.cacheDir, cacheFileName({ bundleHash: options.bundleHash, size: stats.size, mtimeMs: stats.mtimeMs, variant: options.variant }, { version: process.version, arch: process.arch }))
      cachedData = readRegularFile(cacheFile)
      if (cachedData === undefined) emit({ kind: 'miss', file: cacheFile })
    }
  } catch (error) {
    emit({ kind: 'fallback', reason: describe(error) })
    cacheFile = null
    cachedData = undefined
  }
  const script = compile(wrapped, options.bundlePath, cachedData, emit)
  if (cachedData && script.cachedDataRejected === false) {
    emit({ kind: 'hit', file: cacheFile! })
    return { script, writeTo: null }
  }
  if (cachedData && script.cachedDataRejected === true) emit({ kind: 'rejected', file: cacheFile! })
  return { script, writeTo: cacheFile }
}

/** The compiled wrapper; a compile that fails with the cache is retried without it (a broken bundle still throws). */
function compile(wrapped: string, filename: string, cachedData: Buffer | undefined, emit: (event: CodeCacheEvent) => void): Script {
  if (cachedData) {
    try {
      return new Script(wrapped, { filename, cachedData })
    } catch (error) {
      emit({ kind: 'fallback', reason: describe(error) })
    }
  }
  return new Script(wrapped, { filename })
}

/** The file's bytes, or undefined when it does not exist or is not a regular file. */
function readRegularFile(file: string): Buffer | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile() || stats.size === 0) return undefined
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes `data` to `file` atomically (a private temporary file renamed over it), then removes the oldest cache
 * files beyond KEEP_CACHE_FILES.
 */
export function writeCacheFile(file: string, data: Uint8Array): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const fd = openSync(temporary, 'wx', 0o600)
  try {
    for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(temporary, file)
  } catch (error) {
    unlinkSync(temporary)
    throw error
  }
  pruneCacheFiles(dirname(file))
}

function pruneCacheFiles(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => CACHE_FILE.test(name))
    .map((name) => ({ name, mtimeMs: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
  for (const stale of files.slice(KEEP_CACHE_FILES)) unlinkSync(join(dir, stale.name))
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Runs the bundle as CommonJS (its own require, module, __filename, __dirname) through the code cache, and at
 * exit writes the cache when there was none or V8 rejected it, so that it holds every function this run compiled.
 * Errors thrown by the bundle itself propagate; nothing about the cache ever stops the run.
 */
export function runWithCodeCache(options: CodeCacheOptions): void {
  const emit = (event: CodeCacheEvent) => {
    try {
      options.onEvent?.(event)
    } catch {
      // A trace that cannot be shown is not a reason to stop.
    }
  }
  const prepared = prepare(options, emit)
  if (prepared.writeTo !== null) {
    const file = prepared.writeTo
    process.once('exit', () => {
      try {
        const data = prepared.script.createCachedData()
        writeCacheFile(file, data)
        emit({ kind: 'written', file, bytes: data.length })
      } catch (error) {
        emit({ kind: 'write-failed', file, reason: describe(error) })
      }
    })
  }
  const run = prepared.script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void
  const module = { exports: {} }
  run.call(module.exports, module.exports, createRequire(options.bundlePath), module, options.bundlePath, dirname(options.bundlePath))
}
