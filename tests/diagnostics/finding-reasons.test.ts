/**
 * Finding codes link the checks to the tree (`onReason`), to the failure headlines and to the setup checklist. The
 * types keep a code to the check that declares it; here the checks run over every demo scenario, one crafted
 * evidence set and crafted probe reports: each code the tree or the headlines name must be one a check really
 * produced, each code a check produced must be declared, and each declared code must be reachable.
 */
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { listScenarios, loadScenario } from '../../src-main/scenarios/scenario-catalog'
import { FINDING_REASONS, OPEN_FINDING_REASON_PREFIXES } from '../../src-shared/diagnostics/finding-reasons'
import { REASON_FAILURE_TITLES } from '../../src-shared/diagnostics/failure-titles'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckId, CheckResult } from '../../src-shared/diagnostics/check-types'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import type { DomainProbeReport, ProbeTargetReport } from '../../src-shared/probe/probe-types'
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

/** Probe reports broken in each way a probe judge names, with the context (our domain, partner entry) it needs. */
function craftedProbeCodes(): string[] {
  const domain = 'partner.example'
  const healthy = healthyReport(domain)
  const dns = healthy.dns
  const [first] = healthy.targets
  const tls = first!.tls!
  const cert = tls.peerCertificate!
  const day = 24 * 60 * 60 * 1000
  const noRecord = { ...dns.srv, records: [], error: { code: 'ENOTFOUND', message: 'nx' } }
  const withTls = (overrides: Partial<typeof tls>) => withTarget(healthy, { tls: { ...tls, ...overrides } })
  const withCert = (overrides: Partial<typeof cert>) => withTls({ peerCertificate: { ...cert, ...overrides } })
  const plain = { featuresBeforeTls: features({ starttls: false }), starttls: 'not-offered' as const, tls: null, featuresAfterTls: null }
  const clientCert = (saslExternal: NonNullable<ProbeTargetReport['saslExternal']>) =>
    withTarget(healthy, { tls: { ...tls, clientCertificate: cert }, saslExternal })
  const entry = (overrides: Parameters<typeof partnerEntry>[1]) => probeContext({ partners: [partnerEntry(domain, overrides)] })
  const partner = probeContext({ partners: [partnerEntry(domain)] })
  const ours = probeContext({ ours: [domain] })
  const nobody = probeContext()
  const cases: [DomainProbeReport, ReturnType<typeof probeContext>][] = [
    [healthy, partner],
    // s2s-dns-srv
    [{ ...healthy, dns: { ...dns, serviceRefused: true } }, partner],
    [{ ...healthy, dns: { ...dns, srv: { ...noRecord, error: { code: 'ESERVFAIL', message: 'servfail' } } } }, partner],
    [{ ...healthy, dns: { ...dns, srv: noRecord } }, ours],
    [{ ...healthy, dns: { ...dns, srv: noRecord, fallbackUsed: true } }, partner],
    [{ ...healthy, alternateDns: [{ ...dns, resolver: '192.0.2.53', srv: { ...noRecord, error: { code: 'ESERVFAIL', message: 'servfail' } } }] }, partner],
    [{ ...healthy, dns: { ...dns, srv: { ...dns.srv, records: [dns.srv.records[0]!, { ...dns.srv.records[0]!, target: `xmpp2.${domain}` }] } } }, ours],
    [{ ...healthy, dns: { ...dns, srv: { ...dns.srv, records: [{ ...dns.srv.records[0]!, port: 5270 }] } } }, ours],
    [{ ...healthy, alternateDns: [{ ...dns, resolver: '192.0.2.53', srv: { ...dns.srv, records: [{ ...dns.srv.records[0]!, target: `other.${domain}` }] } }] }, partner],
    // s2s-target-resolves
    [{ ...withTarget(healthy, { addresses: [] }), dns: { ...dns, addresses: [{ host: first!.host, ipv4: [], ipv6: [], error: { code: 'ENOTFOUND', message: 'nx' }, ms: 1 }] } }, partner],
    [{ ...withTarget(healthy, { addresses: [] }), dns: { ...dns, addresses: [{ host: first!.host, ipv4: [], ipv6: [], error: { code: 'ESERVFAIL', message: 'servfail' }, ms: 1 }] } }, partner],
    [{ ...withTarget(healthy, { addresses: [] }), dns: { ...dns, addresses: [{ host: first!.host, ipv4: [], ipv6: [], error: { code: 'ETIMEOUT', message: 'timeout', cutBy: 'step' }, ms: 1 }] } }, partner],
    // s2s-port-reachable, s2s-stream-opens
    [withTarget(healthy, { connectedAddress: null, connectAttempts: [], failure: { step: 'connect', code: 'refused', message: 'ECONNREFUSED' } }), partner],
    [withTarget(healthy, { streamHeader: { ...first!.streamHeader!, version: '0.9' } }), partner],
    [withTarget(healthy, { streamHeader: null, featuresBeforeTls: null, starttls: 'not-attempted', tls: null, featuresAfterTls: null, streamError: { condition: 'host-unknown', text: null, step: 'stream-open' } }), partner],
    // s2s-starttls-offered
    [withTarget(healthy, { starttls: 'failure', tls: null, featuresAfterTls: null, failure: { step: 'starttls', code: 'starttls-failure', message: 'failure' } }), partner],
    [withTarget(healthy, { tls: null, featuresAfterTls: null, failure: { step: 'tls-handshake', code: 'tls-failed', message: 'handshake failed' } }), partner],
    [{ ...healthy, targets: [first!, { ...first!, host: `xmpp2.${domain}`, ...plain }] }, partner],
    [withTarget(healthy, { featuresBeforeTls: features({ starttls: true, starttlsRequired: true }) }), entry({ tlsNegotiation: 'NotSupported' })],
    [withTarget(healthy, plain), ours],
    [withTarget(healthy, plain), entry({ tlsNegotiation: 'Optional' })],
    [withTarget(healthy, plain), entry({ tlsNegotiation: 'Required' })],
    [withTarget(healthy, plain), nobody],
    // s2s-certificate-names, -trusted, -not-expiring
    [withCert({ identifiers: { ...cert.identifiers, dnsNames: ['other.example'], commonNames: ['other.example'] } }), partner],
    [withCert({ identifiers: { ...cert.identifiers, dnsNames: [] } }), partner],
    [withTls({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chainEndsInTrustedRoot: false }), partner],
    [withTls({ authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', chainEndsInTrustedRoot: false }), partner],
    [withCert({ notAfter: new Date(Date.now() - day).toISOString() }), partner],
    [withCert({ notBefore: new Date(Date.now() + day).toISOString() }), partner],
    [withCert({ notAfter: new Date(Date.now() + 10 * day).toISOString() }), partner],
    // s2s-auth-available
    [withTarget(healthy, { featuresAfterTls: features({ dialback: false }) }), partner],
    [withTarget(healthy, { featuresAfterTls: features({ dialback: true }) }), entry({ supportDialbackNegotiation: false })],
    [clientCert({ outcome: 'success', condition: null, text: null, detail: null }), partner],
    [clientCert({ outcome: 'failure', condition: 'not-authorized', text: null, detail: null }), partner],
    [clientCert({ outcome: 'not-offered', condition: null, text: null, detail: null }), partner],
    [clientCert({ outcome: 'not-attempted', condition: null, text: null, detail: 'no from domain' }), partner],
  ]
  return cases.flatMap(([report, context]) => codesOf(evaluateProbeChecks([report], context)))
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

  it('every code a check declares is reached, by a demo scenario or a crafted report (none declared and unreachable)', () => {
    const declared = Object.entries(FIXED).flatMap(([checkId, reasons]) => (reasons ?? []).map((reason) => `${checkId}/${reason}`))
    expect(declared).toContain('edge-certificate-valid/proxy-started-after-certificate')
    expect(declared.filter((code) => !produced.has(code))).toEqual([])
  })

  it('the open codes carry what the network said', () => {
    for (const code of ['s2s-port-reachable/connect-refused', 's2s-stream-opens/stream-error-host-unknown']) expect(produced, code).toContain(code)
  })
})
