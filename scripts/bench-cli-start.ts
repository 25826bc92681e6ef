/**
 * CLI start-up, side by side in one run (issue "Fast start"): a bare `node -e ''`, the bundled CLI running
 * `demo healthy-edge --json`, and the same through tsx (the development path). Runs are interleaved round by
 * round so that load from other processes hits every variant alike. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli } from './build-cli.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const ROUNDS = 21
const TSX_ROUNDS = 5
const TARGET_DELTA_MS = 60

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env, timeout: 60_000 })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 2_000)}`)
  return ms
}

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    files++
    bytes += statSync(join(entry.parentPath, entry.name)).size
  }
  return { files, bytes }
}

const outdir = mkdtempSync(join(tmpdir(), 'xed-cli-bench-'))
try {
  const bin: string = await buildCli({ root: ROOT, outdir })
  const env = { ...process.env, XED_SCENARIOS_DIR: join(ROOT, 'tests', 'scenarios') }
  const demo = [bin, 'demo', 'healthy-edge', '--json']
  const variants: Record<string, string[]> = { bare: ['-e', ''], bundled: demo, help: [bin, '--help'] }
  const times: Record<string, number[]> = { bare: [], bundled: [], help: [] }
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, args] of Object.entries(variants)) {
      const ms = timeOnce(args, env)
      if (round > 0) times[name]!.push(ms) // round 0 warms the page cache
    }
  }
  const tsx: number[] = []
  for (let i = 0; i < TSX_ROUNDS; i++) tsx.push(timeOnce(['--import', 'tsx', join(ROOT, 'src-main/cli/bin.ts'), 'demo', 'healthy-edge', '--json'], env))

  const bare = median(times.bare!)
  const bundled = median(times.bundled!)
  const size = sizeOf(outdir)
  console.log(`CLI start-up, whole processes, median of ${ROUNDS} interleaved rounds (tsx: ${TSX_ROUNDS} runs)`)
  console.log(`  node -e ''                                   ${bare.toFixed(1).padStart(7)} ms`)
  console.log(`  bundled CLI --help                           ${median(times.help!).toFixed(1).padStart(7)} ms`)
  console.log(`  bundled CLI demo healthy-edge --json         ${bundled.toFixed(1).padStart(7)} ms  (+${(bundled - bare).toFixed(1)} ms over bare node, target +${TARGET_DELTA_MS} ms: ${bundled - bare <= TARGET_DELTA_MS ? 'met' : 'NOT MET'})`)
  console.log(`  tsx src-main/cli/bin.ts demo (development)   ${median(tsx).toFixed(1).padStart(7)} ms  (${(median(tsx) / bundled).toFixed(1)}x the bundled CLI)`)
  console.log(`  bundle: ${size.files} files, ${(size.bytes / 1024).toFixed(0)} KiB\n`)
} finally {
  rmSync(outdir, { recursive: true, force: true })
}
