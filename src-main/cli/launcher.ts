#!/usr/bin/env node
/**
 * The CLI's `bin` (out/cli/xmpp-edge-doctor.cjs): runs the bundled CLI (out/cli/xmpp-edge-doctor.bundle.cjs, built
 * from bin.ts) through V8's code cache (code-cache-loader.ts). Kept tiny and CommonJS: Node compiles it at every
 * start, and a CommonJS entry spares the ES module loader's own start-up.
 * XED_CODE_CACHE=off runs without the cache; XED_CODE_CACHE_TRACE=1 tells on stderr what the cache did.
 */
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { codeCacheDir, runWithCodeCache } from './code-cache-loader'
import { cacheVariantOf } from './command-names'

/** Set by scripts/build-cli.mjs: the bundle's file name beside this one, its content hash, and how to decode it. */
declare const XED_CLI_BUNDLE: { readonly file: string; readonly hash: string; readonly encoding: 'latin1' | 'utf8' }

function homeOrNull(): string | null {
  try {
    return homedir()
  } catch {
    return null
  }
}

const trace = process.env.XED_CODE_CACHE_TRACE === '1'
runWithCodeCache({
  bundlePath: join(dirname(fileURLToPath(import.meta.url)), XED_CLI_BUNDLE.file),
  bundleHash: XED_CLI_BUNDLE.hash,
  bundleEncoding: XED_CLI_BUNDLE.encoding,
  variant: cacheVariantOf(process.argv.slice(2)),
  cacheDir: codeCacheDir(process.env, process.platform, homeOrNull()),
  ...(trace ? { onEvent: (event) => process.stderr.write(`code cache: ${JSON.stringify(event)}\n`) } : {}),
})
