/** Evidence runs parse and diagnose in a worker thread: the app's main thread keeps turning meanwhile. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import type { EvidenceAnalyzer } from '../../src-main/app-services/evidence-analysis'
import { createWorkerAnalyzer } from '../../src-main/app-services/evidence-worker-client'
import type { RunProgress } from '../../src-shared/ipc/api-contract'
import { copyScenario, psDate } from '../cli/evidence-folder-helper'
import { createTestAppServices } from '../support/test-app-services'

let services: AppServices | undefined
afterEach(async () => {
  await services?.dispose()
})

function createServices(path: string, progress: RunProgress[], analyzeEvidence?: EvidenceAnalyzer): AppServices {
  return createTestAppServices(null, {
    pickEvidencePath: async () => path,
    onProgress: (p) => progress.push(p),
    ...(analyzeEvidence ? { analyzeEvidence } : {}),
  })
}

describe('evidence analysis in a worker thread', () => {
  it('openEvidence: the worker reads the XMPP errors behind 5,000 other events, the run pushes every check', async () => {
    const dir = copyScenario('healthy-edge')
    const other = Array.from({ length: 5000 }, (_, i) => ({ TimeCreated: psDate('2026-11-19T12:00:00Z'), Id: i, Level: 3, LevelDisplayName: 'Warning', ProviderName: 'LS Protocol Stack', Message: 'x' }))
    const xmpp = { TimeCreated: psDate('2026-11-19T13:00:00Z'), Id: 1, Level: 2, LevelDisplayName: 'Error', ProviderName: 'LS XMPP Translating Gateway Proxy', Message: 'e' }
    writeFileSync(join(dir, 'events.json'), JSON.stringify([...other, xmpp]))
    const progress: RunProgress[] = []
    const calls: string[][] = []
    const worker = createWorkerAnalyzer()
    services = createServices(dir, progress, (request) => {
      calls.push([...request.partners])
      return worker(request)
    })
    const view = await services.openEvidence({ runId: 'run-00000001', kind: 'folder', domains: [], partners: ['jabber.org'] })
    expect(calls).toEqual([['jabber.org']])
    expect(view?.result.checks.find((c) => c.id === 'xmpp-event-log-clean')?.status).toBe('fail')
    expect(view?.files.find((f) => f.file === 'events.json')).toMatchObject({ state: 'collected', message: { en: expect.stringContaining('only 5000 of 5001 records were read') } })
    const pushed = progress.filter((p) => p.kind === 'check')
    expect(pushed).toHaveLength(view!.result.checks.length)
    expect(progress.at(-1)).toMatchObject({ kind: 'phase', phase: 'done' })
  }, 60_000)

  it('the default services use the worker too (no analyzer given)', async () => {
    const progress: RunProgress[] = []
    services = createServices(join(import.meta.dirname, '..', 'scenarios', 'proxy-service-stopped'), progress)
    const view = await services.openEvidence({ runId: 'run-00000002', kind: 'folder', domains: [], partners: [] })
    expect(view?.result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
  }, 60_000)

  it('a 30 MiB events.json of {}: the calling thread keeps turning while the worker parses, and the check is unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-worker-'))
    try {
      const count = 10_000_000
      const files = new Map([['events.json', new TextEncoder().encode(`[${'{},'.repeat(count - 1)}{}]`)]])
      let turns = 0
      let spinning = true
      const spin = () => {
        turns++
        if (spinning) setImmediate(spin)
      }
      setImmediate(spin)
      const analysis = await createWorkerAnalyzer()({ files, domains: [], partners: [], answers: {}, source: 'evidence-folder', startedAt: new Date().toISOString() })
      spinning = false
      // Parsing in this thread would have run to the end without a single turn of the event loop in between.
      expect(turns).toBeGreaterThan(1)
      const check = analysis.result.checks.find((c) => c.id === 'xmpp-event-log-clean')
      expect(check?.status).toBe('unknown')
      expect(check?.summary.en).toContain(`only 0 of ${count} records were read`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('a cancelled analysis stops its worker and rejects', async () => {
    const controller = new AbortController()
    const files = new Map([['events.json', new TextEncoder().encode(`[${'{},'.repeat(5_000_000)}{}]`)]])
    const analysis = createWorkerAnalyzer()({ files, domains: [], partners: [], answers: {}, source: 'evidence-folder', startedAt: new Date().toISOString() }, controller.signal)
    controller.abort()
    await expect(analysis).rejects.toThrow('cancelled')
  }, 60_000)
})
