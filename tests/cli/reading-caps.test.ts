/**
 * Reading caps never turn into a false "healthy": what matters is read first, and a check whose file was cut
 * says so (unknown) unless what was read already proves a failure. Through the CLI, as a user runs it.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { PARSE_LIMITS } from '../../src-shared/evidence/parse-notes'
import { PRIORITY_EVENT_PROVIDER } from '../../src-shared/evidence/parsers/events'
import { EVENT_SIGNATURES } from '../../src-shared/diagnostics/event-signatures'
import { copyScenario, psDate, writeEvidenceText } from './evidence-folder-helper'

interface CheckJson {
  readonly id: string
  readonly status: string
  readonly summary: { readonly en: string; readonly 'zh-TW': string }
}

async function analyze(dir: string, ...extra: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['analyze', dir, '--json', ...extra], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  const json = JSON.parse(stdout) as { verdict: string; checks: CheckJson[] }
  const check = (id: string) => json.checks.find((c) => c.id === id)!
  return { code, stderr, verdict: json.verdict, check }
}

// Get-WinEvent | Select-Object TimeCreated, Id, Level, LevelDisplayName, ProviderName, Message | ConvertTo-Json (PS 5.1).
function event(minute: number, provider: string, level: 2 | 3, message: string) {
  return {
    TimeCreated: psDate(new Date(Date.UTC(2026, 10, 19, 12, 0) + minute * 60_000).toISOString()),
    Id: 1,
    Level: level,
    LevelDisplayName: level === 2 ? 'Error' : 'Warning',
    ProviderName: provider,
    Message: message,
  }
}

function unrelatedEvents(count: number) {
  return Array.from({ length: count }, (_, i) => event(i % 600, 'LS Protocol Stack', 3, 'A connection to the remote server timed out.'))
}

const XMPP_ERRORS = Array.from({ length: 10 }, (_, i) => event(700 + i, 'LS XMPP Translating Gateway Proxy', 2, 'The XMPP proxy could not connect.'))

// Get-CsXmppAllowedPartner | ConvertTo-Json: the properties PS/New-CsXmppAllowedPartner documents.
function partner(domain: string, tls = 'Optional', sasl = 'Optional', dialback = true) {
  return {
    Identity: domain,
    Domain: domain,
    AdditionalDomains: [],
    PartnerType: 'PublicUnverified',
    TlsNegotiation: tls,
    SaslNegotiation: sasl,
    SupportDialbackNegotiation: dialback,
    EnableKeepAlive: true,
    ProxyFqdn: null,
    ConnectionLimit: 10,
  }
}

function manyPartnersThenGmail(count: number) {
  const partners = Array.from({ length: count }, (_, i) => partner(`partner${i}.example`))
  return [...partners, partner('gmail.com', 'NotSupported', 'NotSupported', false)]
}

describe('event log over the cap', () => {
  it('5,000 unrelated events, then 10 XMPP proxy errors: the errors are read first and fail the check', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(dir, 'events.json', JSON.stringify([...unrelatedEvents(PARSE_LIMITS.maxEvents), ...XMPP_ERRORS]))
    const r = await analyze(dir)
    expect(r.code).toBe(1)
    expect(r.check('xmpp-event-log-clean')).toMatchObject({ status: 'fail' })
    expect(r.check('xmpp-event-log-clean').summary.en).toContain('10 XMPP error(s)')
  })

  it('5,010 unrelated events and no XMPP event: still a pass, and it says the other events were cut', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(dir, 'events.json', JSON.stringify(unrelatedEvents(PARSE_LIMITS.maxEvents + 10)))
    const r = await analyze(dir)
    expect(r.check('xmpp-event-log-clean').status).toBe('pass')
    expect(r.check('xmpp-event-log-clean').summary.en).toContain(`only ${PARSE_LIMITS.maxEvents} of ${PARSE_LIMITS.maxEvents + 10} records were read`)
  })

  it('XMPP errors beyond what is looked at: unknown ("only N of M were read"), never healthy', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(dir, 'events.json', JSON.stringify([...unrelatedEvents(PARSE_LIMITS.maxEventsScanned), ...XMPP_ERRORS]))
    const r = await analyze(dir)
    expect(r.code).toBe(1)
    expect(r.verdict).not.toBe('healthy')
    const check = r.check('xmpp-event-log-clean')
    expect(check.status).toBe('unknown')
    expect(check.summary.en).toContain(`only ${PARSE_LIMITS.maxEvents} of ${PARSE_LIMITS.maxEventsScanned + 10} records were read`)
    expect(check.summary['zh-TW']).toContain(`只讀取了 ${PARSE_LIMITS.maxEvents} 筆記錄（共 ${PARSE_LIMITS.maxEventsScanned + 10}`)
    expect(r.stderr).toContain(`xmpp-edge-doctor: events.json: only ${PARSE_LIMITS.maxEvents} of ${PARSE_LIMITS.maxEventsScanned + 10} records were read`)
  })

  it('keeps the parser\'s priority in step with the event signatures', () => {
    for (const signature of EVENT_SIGNATURES) expect(new RegExp(signature.providerPattern, 'i').source).toBe(PRIORITY_EVENT_PROVIDER.source)
  })
})

describe('partners over the cap', () => {
  it('10,000 partners, then gmail.com with an invalid TLS/SASL setting: not healthy (unknown, cut reported)', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(dir, 'xmpp-partners.json', JSON.stringify(manyPartnersThenGmail(PARSE_LIMITS.maxRecords)))
    const r = await analyze(dir)
    expect(r.code).toBe(1)
    expect(r.verdict).not.toBe('healthy')
    const check = r.check('xmpp-partner-negotiation-valid')
    expect(check.status).toBe('unknown')
    expect(check.summary.en).toContain(`only the first ${PARSE_LIMITS.maxRecords} of ${PARSE_LIMITS.maxRecords + 1} records were read`)
    expect(r.check('xmpp-partner-not-obsolete').status).toBe('unknown')
  })

  it('the same with --partner gmail.com: the partner asked about is read first and its invalid setting fails', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(dir, 'xmpp-partners.json', JSON.stringify(manyPartnersThenGmail(PARSE_LIMITS.maxRecords)))
    const r = await analyze(dir, '--partner', 'gmail.com')
    expect(r.code).toBe(1)
    expect(r.check('xmpp-partner-configured').status).toBe('pass')
    expect(r.check('xmpp-partner-negotiation-valid')).toMatchObject({ status: 'fail' })
    expect(r.check('xmpp-partner-negotiation-valid').summary.en).toContain('gmail.com')
    expect(r.check('xmpp-partner-not-obsolete').status).toBe('warn')
  })

  it('a partner asked about that is absent from a cut but fully looked-at file: fail, not unknown', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(dir, 'xmpp-partners.json', JSON.stringify(manyPartnersThenGmail(PARSE_LIMITS.maxRecords)))
    const r = await analyze(dir, '--partner', 'jabber.org')
    expect(r.check('xmpp-partner-configured').status).toBe('fail')
  })
})

describe('other files over the cap', () => {
  it('services.json with the proxy beyond the first 10,000 records: the service checks are not passed', async () => {
    const dir = copyScenario('healthy-edge')
    const filler = Array.from({ length: PARSE_LIMITS.maxRecords }, (_, i) => ({ Name: `Svc${i}`, DisplayName: `Service ${i}`, Status: 4, StartType: 2 }))
    const lync = [
      { Name: 'RTCSRV', DisplayName: 'Skype for Business Server Access Edge', Status: 4, StartType: 2 },
      { Name: 'RTCXMPPTGWPX', DisplayName: 'Skype for Business Server XMPP Translating Gateway Proxy', Status: 1, StartType: 2 },
    ]
    writeEvidenceText(dir, 'services.json', JSON.stringify([...filler, ...lync]))
    const r = await analyze(dir)
    expect(r.code).toBe(1)
    for (const id of ['xmpp-components-installed', 'xmpp-proxy-service-running']) expect(r.check(id).status).not.toBe('pass')
    expect(r.check('xmpp-components-installed').summary.en).toContain('services.json: only the first 10000 of 10002 records were read')
  })
})
