/** What a session keeps of a result: the subject of an evidence run names the server, a probe's only the domain. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { subjectOf, walkOf } from '../../src-main/store/recorded-result'
import { readEvidence } from '../../src-main/evidence-io/read-evidence'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { healthyReport } from '../probe/helpers/synthetic-report'

const STARTED = new Date('2026-11-20T09:31:00Z')

async function evidenceResult() {
  const read = await readEvidence(join(import.meta.dirname, '..', 'scenarios', 'proxy-service-stopped'))
  const { evidence } = parseEvidence(read.files)
  return diagnose({ evidence, domains: [], partners: [], answers: {}, source: 'evidence-folder', startedAt: STARTED })
}

function probeResult() {
  const report = healthyReport('contoso.test')
  return diagnose({
    evidence: parseEvidence(new Map()).evidence,
    domains: ['contoso.test'],
    partners: [],
    answers: {},
    probes: new Map([[report.domain, report]]),
    source: 'probe',
    startedAt: STARTED,
  })
}

describe('subjectOf', () => {
  it('an evidence run is about the server the evidence came from', async () => {
    const result = await evidenceResult()
    const subject = subjectOf(result)
    expect(subject.source).toBe('evidence-folder')
    expect(subject.host).toBe(result.subject.host)
    expect(subject.host).toMatch(/^EDGE01/)
    expect(subject.role).toBe('Edge')
    expect(subject.collectedAt).not.toBeNull()
  })

  it('a probe is about the probed domain only: no host, no role, no collection time', () => {
    expect(subjectOf(probeResult())).toEqual({ host: null, role: 'Unknown', productVersion: null, domains: ['contoso.test'], source: 'probe', collectedAt: null })
  })
})

describe('walkOf', () => {
  it('is where the walk stopped and why, without the diagnosis timing', async () => {
    const result = await evidenceResult()
    const walk = walkOf(result)
    expect(walk).toEqual({
      path: result.path,
      currentNode: result.currentNode,
      nextAction: result.nextAction,
      answers: result.answers,
      verdict: 'problems',
      rootCause: result.rootCause,
    })
    expect(walk.rootCause?.checkId).toBe('xmpp-proxy-service-running')
  })
})
