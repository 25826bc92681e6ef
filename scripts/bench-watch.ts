/**
 * `watch` memory over a two-hour watch at a 30 s interval (240 polls), replayed with a fake clock: each poll
 * really reads and diagnoses an evidence folder, which flips between two failures every ten polls so the
 * changes are printed and the timeline grows. Prints heap figures after garbage collection at
 * poll 20 and at the end; asserts nothing.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { runWatchCommand } from '../src-main/cli/commands/watch-command'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const POLLS = 240
const dir = mkdtempSync(join(tmpdir(), 'xed-bench-watch-'))
const folder = join(dir, 'EDGE01')
const use = (scenario: string): void => {
  rmSync(folder, { recursive: true, force: true })
  cpSync(join(ROOT, 'tests', 'scenarios', scenario), folder, { recursive: true })
}

try {
  use('proxy-service-stopped')
  let now = Date.parse('2026-11-20T01:30:00Z')
  let pauses = 0
  const heap: Record<string, number> = {}
  const started = performance.now()
  const code = await runWatchCommand(
    [folder, '--interval', '30s', '--max', '2h', '--json'],
    { stdout: () => undefined, stderr: () => undefined },
    {},
    {
      now: () => new Date(now),
      sleep: async (ms) => {
        pauses++
        // Every ten polls the collector brings a different failure (proxy stopped / 5269 taken by another
        // program): changes to print, a growing timeline, and never healthy, so the watch runs to --max.
        if (pauses % 10 === 0) use(pauses % 20 === 0 ? 'proxy-service-stopped' : 'port-5269-taken')
        if (pauses === 20 || pauses === POLLS - 1) {
          gc()
          heap[pauses === 20 ? 'poll20' : 'end'] = process.memoryUsage().heapUsed
        }
        now += ms
      },
      onInterrupt: () => () => undefined,
      collectLive: async () => {
        throw new Error('not live')
      },
    },
  )
  const seconds = (performance.now() - started) / 1000
  const mib = (bytes: number | undefined): string => ((bytes ?? NaN) / 1048576).toFixed(1)
  console.log(`watch: ${POLLS + 1} polls of a two-hour watch at 30s (fake clock, real reads and diagnoses), exit ${code}`)
  console.log(`  heap after GC at poll 20: ${mib(heap.poll20)} MiB; at poll ${POLLS}: ${mib(heap.end)} MiB (target: flat)`)
  console.log(`  ${(seconds * 1000 / (POLLS + 1)).toFixed(1)} ms per poll\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
