/**
 * `npm run bench` (part): the cost of the largest evidence sets the byte caps let in (32 MiB per file, 128 MiB in
 * all), built to be as expensive to parse as possible: millions of `{}` records, a 15-million-service tasklist
 * cell, 400,000 netstat lines, a topology of 2.4 million elements, an object of 2 million keys. Each set is read,
 * parsed and diagnosed in a fresh process (as `analyze` does); its wall time and peak memory (max RSS) are printed.
 * Issue 8's goal on the development machine: at most 10 s and 700 MB per set. Prints figures, asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diagnose } from '../src-shared/diagnose'
import { parseEvidence } from '../src-shared/evidence/parse-evidence'
import { readEvidence } from '../src-main/evidence-io/read-evidence'

const MiB = 1024 * 1024
const FILE_BYTES = 30 * MiB
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TARGET = { ms: 10_000, rssMiB: 700 }

function emptyObjects(bytes: number): string {
  return `[${'{},'.repeat(Math.floor((bytes - 2) / 3))}{}]`
}

/** Evidence sets within the caps: the scenario healthy-edge with its files replaced by hostile ones. */
const SETS: Readonly<Record<string, () => Record<string, string | Buffer>>> = {
  'four 30 MiB JSON files of {} (120 MiB)': () => {
    const filler = emptyObjects(FILE_BYTES)
    return { 'events.json': filler, 'services.json': filler, 'xmpp-partners.json': filler, 'certificates.json': filler }
  },
  'tasklist cell of 15 M services + 30 MiB netstat + 30 MiB topology + 2 M-key object (~113 MiB)': () => ({
    'tasklist.csv': Buffer.from(`"Image Name","PID","Services"\r\n"svchost.exe","1234","${'a,'.repeat(15_000_000 - 1)}a"\r\n`, 'latin1'),
    'netstat.txt': '  TCP    0.0.0.0:5269           0.0.0.0:0              LISTENING       1234\r\n'.repeat(Math.floor(FILE_BYTES / 80)),
    'topology.xml': `<Topology>${'<Xmpp a="1"/>'.repeat(Math.floor((FILE_BYTES - 30) / 13))}</Topology>`,
    'access-edge.json': `{${Array.from({ length: 2_000_000 }, (_, i) => `"k${i}":1`).join(',')}}`,
  }),
}

/** In the child process: read, parse and diagnose one folder; print the figures as JSON. */
async function measure(dir: string): Promise<void> {
  const start = performance.now()
  const read = await readEvidence(dir)
  const parsed = parseEvidence(read.files)
  const result = diagnose({ evidence: parsed.evidence, source: 'evidence-folder', startedAt: new Date() })
  const ms = performance.now() - start
  const cut = parsed.diagnostics.filter((d) => d.cut).map((d) => d.file)
  const bytes = [...read.files.values()].reduce((sum, b) => sum + b.length, 0)
  console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, bytes, verdict: result.verdict, cut }))
}

function run(): void {
  console.log(`Largest evidence sets within the caps (read + parse + diagnose, fresh process each), target ≤ ${TARGET.ms / 1000} s and ≤ ${TARGET.rssMiB} MB`)
  for (const [name, build] of Object.entries(SETS)) {
    const dir = join(mkdtempSync(join(tmpdir(), 'xed-bench-evidence-')), 'evidence')
    try {
      cpSync(join(ROOT, 'tests', 'scenarios', 'healthy-edge'), dir, { recursive: true })
      rmSync(join(dir, 'scenario.json'))
      for (const [file, content] of Object.entries(build())) writeFileSync(join(dir, file), content)
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      })
      const line = child.stdout.trim().split('\n').at(-1) ?? ''
      if (child.status !== 0 || !line.startsWith('{')) {
        console.log(`  ${name}: the measuring process failed (${child.status}): ${child.stderr.slice(0, 300)}`)
        continue
      }
      const figures = JSON.parse(line) as { ms: number; rssMiB: number; bytes: number; verdict: string; cut: string[] }
      const within = figures.ms <= TARGET.ms && figures.rssMiB <= TARGET.rssMiB
      console.log(`  ${name}`)
      console.log(
        `    ${(figures.bytes / MiB).toFixed(1)} MiB: ${(figures.ms / 1000).toFixed(2)} s, peak ${figures.rssMiB.toFixed(0)} MB (max RSS, incl. ~${baselineRss()} MB of Node + tsx); verdict ${figures.verdict}; cut: ${figures.cut.join(', ') || 'none'}; ${within ? 'within target' : 'OVER TARGET'}`,
      )
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true })
    }
  }
  console.log('')
}

let baseline: number | null = null
function baselineRss(): number {
  if (baseline !== null) return baseline
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', 'console.log(process.resourceUsage().maxRSS / 1024)'], { cwd: ROOT, encoding: 'utf8' })
  baseline = Math.round(Number(child.stdout.trim()) || 0)
  return baseline
}

const measureIndex = process.argv.indexOf('--measure')
if (measureIndex >= 0) await measure(process.argv[measureIndex + 1] ?? '')
else run()
