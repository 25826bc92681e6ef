/**
 * Finding codes link the checks to the tree (`onReason`), to the failure headlines and to the setup checklist. The
 * types keep a code to the check that declares it; here the checks run over every demo scenario and over crafted
 * probe reports, and each code the tree or the headlines name must be one a check really produced, each code a
 * check produced must be declared, and each evidence check's declared code must be reachable.
 */
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { listScenarios, loadScenario } from '../../src-main/scenarios/scenario-catalog'
import { FINDING_REASONS, OPEN_FINDING_REASON_PREFIXES } from '../../src-shared/diagnostics/finding-reasons'
import { REASON_FAILURE_TITLES } from '../../src-shared/diagnostics/failure-titles'
import { PROBE_CHECKS, evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckId, CheckResult } from '../../src-shared/diagnostics/check-types'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { features, healthyReport, withTarget } from '../probe/helpers/synthetic-report'
import { partnerEntry, probeContext } from '../probe/helpers/probe-context'

const FIXED = FINDING_REASONS as Partial<Record<CheckId, readonly string[]>>
const OPEN = OPEN_FINDING_REASON_PREFIXES as Partial<Record<CheckId, readonly string[]>>

/** True when `checkId` declares `reason`: one of its fixed codes, or one of its open prefixes plus a word. */
function declares(checkId: CheckId, reason: string): boolean {
  const prefixes = OPEN[checkId] ?? []
  return (FIXED[checkId] ?? []).includes(reason) || prefixes.some((prefix) => reason.startsWith(prefix) && reason.length > prefix.length)
}

/** "check/code" for every result that carries a code. */
function codesOf(results: readonly CheckResult[]): string[] {
  return results.flatMap((result) => (result.reason === undefined ? [] : [`${result.id}/${result.reason}`]))
}

async function scenarioCodes(): Promise<string[]> {
  const codes: string[] = []
  for (const info of await listScenarios()) {
    const { read, others } = await loadScenario(info.name)
    const sets = [read, ...others].map((set) => parseEvidence(set.files).evidence)
    // Each server's own results (before the fold), so a code one server gives is not hidden by another's.
    for (const evidence of sets) {
      const result = diagnose({ evidence, domains: info.domains, answers: info.answers, source: 'demo', startedAt: new Date() })
      codes.push(...codesOf(result.checks))
    }
  }
  return codes
}

/**
 * Evidence no demo scenario holds: the port-5269-taken Edge with the other program (PID 3104) on 23456 instead.
 * (netstat.txt is UTF-16LE, as netstat writes it through PowerShell.)
 */
async function craftedEvidenceCodes(): Promise<string[]> {
  const { read } = await loadScenario('port-5269-taken')
  const netstat = new TextDecoder('utf-16le').decode(read.files.get('netstat.txt'))
  const swapped = netstat
    .replace(/(:23456\s+0\.0\.0\.0:0\s+LISTENING\s+)2412/, '$13104')
    .replace(/(:5269\s+0\.0\.0\.0:0\s+LISTENING\s+)3104/, '$12412')
  expect(swapped).not.toBe(netstat)
  const bytes = new Uint8Array([...swapped].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]))
  const files = new Map(read.files).set('netstat.txt', bytes)
  const result = diagnose({ evidence: parseEvidence(files).evidence, source: 'demo', startedAt: new Date() })
  return codesOf(result.checks)
}

/** Probe reports broken in the ways the probe judges name. */
function craftedProbeCodes(): string[] {
  const domain = 'partner.example'
  const healthy = healthyReport(domain)
  const reports: DomainProbeReport[] = [
    healthy,
    { ...healthy, dns: { ...healthy.dns, srv: { ...healthy.dns.srv, records: [] , error: { code: 'ENOTFOUND', message: 'nx' } }, fallbackUsed: true } },
    withTarget(healthy, { connectedAddress: null, connectAttempts: [], failure: { step: 'connect', code: 'refused', message: 'ECONNREFUSED' } }),
    withTarget(healthy, { featuresBeforeTls: features({ starttls: false }), starttls: 'not-offered', tls: null, featuresAfterTls: null }),
    withTarget(healthy, { featuresAfterTls: features({ dialback: false }) }),
  ]
  const context = probeContext({ partners: [partnerEntry(domain)] })
  return reports.flatMap((report) => codesOf(evaluateProbeChecks([report], context)))
}

const produced = new Set([...(await scenarioCodes()), ...(await craftedEvidenceCodes()), ...craftedProbeCodes()])

describe('finding codes', () => {
  it('every code a check produced is one it declares', () => {
    expect(produced.size).toBeGreaterThan(0)
    const undeclared = [...produced].filter((code) => {
      const [checkId, reason] = code.split(/\/(.*)/s) as [CheckId, string]
      return !declares(checkId, reason)
    })
    expect(undeclared).toEqual([])
  })

  it('every onReason code in the tree is declared by the node\'s check and produced by it on real evidence', () => {
    const named = TROUBLESHOOTING_TREE.nodes.flatMap((node) =>
      node.kind === 'check' ? Object.keys(node.onReason ?? {}).map((reason) => `${node.checkId}/${reason}`) : [],
    )
    expect(named.length).toBeGreaterThan(0)
    for (const code of named) expect(produced, code).toContain(code)
  })

  it('every finding code with its own failure headline is produced by that check', () => {
    const named = Object.entries(REASON_FAILURE_TITLES).flatMap(([checkId, titles]) => Object.keys(titles ?? {}).map((reason) => `${checkId}/${reason}`))
    expect(named.length).toBeGreaterThan(0)
    for (const code of named) expect(produced, code).toContain(code)
  })

  it('every code an evidence check declares is reached by a demo scenario (none declared and unreachable)', () => {
    const probeIds = new Set<CheckId>(PROBE_CHECKS.map((check) => check.id))
    const declared = Object.entries(FIXED).flatMap(([checkId, reasons]) =>
      probeIds.has(checkId as CheckId) ? [] : (reasons ?? []).map((reason) => `${checkId}/${reason}`),
    )
    expect(declared).toContain('edge-certificate-valid/proxy-started-after-certificate')
    for (const code of declared) expect(produced, code).toContain(code)
  })

  it('the crafted probe reports reach the probe codes the tests rely on', () => {
    for (const code of ['s2s-dns-srv/srv-missing-fallback-used', 's2s-port-reachable/connect-refused', 's2s-auth-available/no-auth-method']) {
      expect(produced, code).toContain(code)
    }
  })
})
