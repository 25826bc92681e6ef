/**
 * CLI start-up, side by side in one run (issue "Fast start"): a bare `node -e ''`, the bundled CLI running
 * `demo healthy-edge --json` with its code cache (the usual case: every run after the first), without it
 * (XED_CODE_CACHE=off), on a first run (no cache yet: compile, run, write the cache), `--help`, and the same
 * through tsx (the development path). Runs are interleaved round by round so that load from other processes hits
 * every variant alike; CPU time (user + system) is shown beside wall time because it suffers less from other
 * processes on a busy machine. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
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

interface Timing {
  readonly wallMs: number
  readonly cpuMs: number
}

/**
 * One whole process: wall time, and the CPU time it used, which a preload writes on fd 3 at exit
 * (process.cpuUsage() counts from the process's start, bootstrap included). Every variant gets the same preload.
 */
function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv, cpuHook: string): Timing {
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--require', cpuHook, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env, timeout: 60_000 })
  const wallMs = performance.now() - started
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 2_000)}`)
  return { wallMs, cpuMs: Number(result.output[3]?.toString()) / 1000 }
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

const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`
const outdir = mkdtempSync(join(tmpdir(), 'xed-cli-bench-'))
try {
  const bin: string = await buildCli({ root: ROOT, outdir: join(outdir, 'cli') })
  const size = sizeOf(join(outdir, 'cli'))
  const cpuHook = join(outdir, 'cpu-at-exit.cjs')
  writeFileSync(cpuHook, "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(3, String(u.user + u.system)) })\n")
  // A cache folder of the bench's own (the user's stays untouched); a first run gets an empty one each time.
  const cacheHome = join(outdir, 'cache')
  const env = { ...process.env, XED_SCENARIOS_DIR: join(ROOT, 'tests', 'scenarios'), XDG_CACHE_HOME: cacheHome }
  const demo = [bin, 'demo', 'healthy-edge', '--json']
  const variants: Record<string, { args: string[]; env: NodeJS.ProcessEnv; before?: () => void }> = {
    bare: { args: ['-e', ''], env },
    cached: { args: demo, env },
    uncached: { args: demo, env: { ...env, XED_CODE_CACHE: 'off' } },
    first: { args: demo, env: { ...env, XDG_CACHE_HOME: join(outdir, 'first-run-cache') }, before: () => rmSync(join(outdir, 'first-run-cache'), { recursive: true, force: true }) },
    help: { args: [bin, '--help'], env },
  }
  const times: Record<string, Timing[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]))
  const loadBefore = loadavg()[0]!
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, variant] of Object.entries(variants)) {
      variant.before?.()
      const timing = timeOnce(variant.args, variant.env, cpuHook)
      if (round > 0) times[name]!.push(timing) // round 0 warms the page cache and writes the code cache
    }
  }
  const tsx: Timing[] = []
  for (let i = 0; i < TSX_ROUNDS; i++) tsx.push(timeOnce(['--import', 'tsx', join(ROOT, 'src-main/cli/bin.ts'), 'demo', 'healthy-edge', '--json'], env, cpuHook))

  const wall = (name: string) => median(times[name]!.map((t) => t.wallMs))
  const cpu = (name: string) => median(times[name]!.map((t) => t.cpuMs))
  const bare = wall('bare')
  const bareCpu = cpu('bare')
  const line = (label: string, name: string, note = '') =>
    console.log(`  ${label.padEnd(46)} ${ms(wall(name))} (+${(wall(name) - bare).toFixed(1).padStart(5)})   CPU ${ms(cpu(name))} (+${(cpu(name) - bareCpu).toFixed(1).padStart(5)})${note}`)
  const cached = wall('cached')
  console.log(`CLI start-up, whole processes, median of ${ROUNDS} interleaved rounds (tsx: ${TSX_ROUNDS} runs); load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`)
  console.log(`  ${'node -e \'\''.padEnd(46)} ${ms(bare)}           CPU ${ms(bareCpu)}`)
  line('bundled CLI demo healthy-edge --json', 'cached', `   target: within +${TARGET_DELTA_MS} ms of bare node (${(cached / bare).toFixed(2)}x; target ${((bare + TARGET_DELTA_MS) / bare).toFixed(2)}x): ${cached - bare <= TARGET_DELTA_MS ? 'met' : 'NOT MET'}`)
  line('  the same, first run (compiles, writes cache)', 'first')
  line('  the same, code cache off', 'uncached')
  line('bundled CLI --help', 'help')
  const tsxWall = median(tsx.map((t) => t.wallMs))
  console.log(`  ${'tsx src-main/cli/bin.ts demo (development)'.padEnd(46)} ${ms(tsxWall)} (${(tsxWall / cached).toFixed(1)}x the bundled CLI)`)
  console.log(`  bundle: ${size.files} files, ${(size.bytes / 1024).toFixed(0)} KiB\n`)
} finally {
  rmSync(outdir, { recursive: true, force: true })
}
