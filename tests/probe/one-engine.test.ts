/**
 * One verdict engine for every kind of run (issue "Architecture", item 1): the app's "Probe a domain" and the
 * `probe` command give the same verdict, root cause and path for the same probe report, and a healthy probe is
 * healthy in both (it read "incomplete" in the app and "healthy" in the CLI before).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { buildProbeResult } from '../../src-shared/diagnostics/probe/probe-diagnosis'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { createTestAppServices } from '../support/test-app-services'
import { certificate, healthyReport, tlsInfo, withTarget } from './helpers/synthetic-report'

let dir: string
let history: OpenedHistory
afterEach(() => {
  history?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function inTheApp(report: DomainProbeReport) {
  dir = mkdtempSync(join(tmpdir(), 'xed-one-engine-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  const services = createTestAppServices(history.db, { probeDomain: async () => report })
  try {
    const view = await services.probeDomain({ runId: 'run-00000001', domain: report.domain })
    if (!view.result) throw new Error('no result')
    return view.result
  } finally {
    await services.dispose()
  }
}

function inTheCli(report: DomainProbeReport, now: Date) {
  return buildProbeResult([report], { evidence: parseEvidence(new Map()).evidence, domains: [report.domain], partners: [], now }, { startedAt: now, durationMs: 1 })
}

describe('one engine for the app and the CLI', () => {
  it('a healthy probe is healthy in both, through the same nodes', async () => {
    const report = healthyReport('contoso.test')
    const app = await inTheApp(report)
    const cli = inTheCli(report, new Date())
    expect(app.verdict).toBe('healthy')
    expect(cli.verdict).toBe('healthy')
    expect(app.path).toEqual(cli.path)
  })

  it('a failing probe has the same root cause, path and next step in both', async () => {
    const report = withTarget(healthyReport('contoso.test'), { tls: tlsInfo('contoso.test', { peerCertificate: certificate('other.test') }) })
    const app = await inTheApp(report)
    const cli = inTheCli(report, new Date())
    expect(app.verdict).toBe('problems')
    expect(app.rootCause).toEqual(cli.rootCause)
    expect(app.path).toEqual(cli.path)
    expect(app.nextAction).toEqual(cli.nextAction)
    expect(cli.rootCause?.checkId).toBe('s2s-certificate-names')
  })
})
