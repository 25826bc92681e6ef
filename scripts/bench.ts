/**
 * `npm run bench`: prints figures, asserts nothing. Analysis time per scenario (read + parse + diagnose,
 * in-process, median of repeated runs; target under 150 ms each), then the probe and history benches when
 * their prerequisites are present.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diagnose } from '../src-shared/diagnose'
import { parseEvidence } from '../src-shared/evidence/parse-evidence'
import { listScenarios, loadScenario } from '../src-main/scenarios/scenario-catalog'

const RUNS = 25
const TARGET_MS = 150

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function benchScenarios(): Promise<void> {
  const scenarios = await listScenarios()
  console.log(`Analyze (read + parse + diagnose, in-process; every set of an incident scenario), median of ${RUNS} runs, target < ${TARGET_MS} ms`)
  const width = Math.max(...scenarios.map((s) => s.name.length))
  let worst = 0
  for (const s of scenarios) {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now()
      // loadScenario reads every set of an incident scenario (the Front End beside the Edge), as `demo` does.
      const loaded = await loadScenario(s.name)
      const evidence = parseEvidence(loaded.read.files).evidence
      const otherEvidence = loaded.others.map((other) => parseEvidence(other.files).evidence)
      diagnose({ evidence, otherEvidence, domains: s.domains, answers: s.answers, source: 'demo', startedAt: new Date() })
      times.push(performance.now() - start)
    }
    const m = median(times)
    worst = Math.max(worst, m)
    console.log(`  ${s.name.padEnd(width)}  ${m.toFixed(2).padStart(8)} ms  ${m < TARGET_MS ? 'within target' : 'OVER TARGET'}`)
  }
  console.log(`  slowest median: ${worst.toFixed(2)} ms; heap used now: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MiB\n`)
}

function runSubBench(file: string): void {
  const path = join(dirname(fileURLToPath(import.meta.url)), file)
  if (!existsSync(path)) return
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' })
  if (result.status !== 0) console.log(`(${file} exited with ${result.status})\n`)
}

await benchScenarios()
runSubBench('bench-evidence.ts')
runSubBench('bench-probe.ts')
runSubBench('bench-store.ts')
runSubBench('bench-app-start.ts')
runSubBench('bench-cli-start.ts')
runSubBench('bench-watch.ts')
