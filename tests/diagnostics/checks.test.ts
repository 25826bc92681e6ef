import { describe, expect, it } from 'vitest'
import type { CheckContext, CheckId } from '../../src-shared/diagnostics/check-types'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import { EVIDENCE_CHECKS } from '../../src-shared/diagnostics/evidence-checks'
import { CHECK_IDS } from '../../src-shared/diagnostics/check-types'
import { runCheck } from '../../src-shared/diagnostics/run-checks'
import { collected, healthyEdgeEvidence, missing, netstatLine, PROXY_PID } from './evidence-builder'

const NOW = new Date('2026-11-20T08:00:00.000Z')

function evaluate(id: CheckId, evidence: Evidence, extra: Partial<CheckContext> = {}) {
  const check = EVIDENCE_CHECKS.find((c) => c.id === id)
  if (!check) throw new Error(`no check ${id}`)
  return runCheck(check, { evidence, domains: [], now: NOW, ...extra })
}

function withServices(status: 'Running' | 'Stopped', startType = 'Automatic') {
  const base = healthyEdgeEvidence()
  if (base.services.state !== 'collected') throw new Error('fixture')
  return healthyEdgeEvidence({
    services: collected(base.services.value.map((s) => (s.displayName.endsWith('Proxy') ? { ...s, status, startType } : s))),
  })
}

describe('the healthy Edge evidence', () => {
  it('passes or skips every evidence check', () => {
    const evidence = healthyEdgeEvidence()
    for (const check of EVIDENCE_CHECKS) {
      const result = runCheck(check, { evidence, domains: [], now: NOW })
      expect([check.id, result.status]).toEqual([check.id, expect.stringMatching(/^(pass|skipped)$/)])
    }
  })

  it('declares every evidence check id once, each with both languages', () => {
    const ids = EVIDENCE_CHECKS.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every((id) => CHECK_IDS.includes(id))).toBe(true)
    for (const c of EVIDENCE_CHECKS) {
      expect(c.title.en.length).toBeGreaterThan(3)
      expect(c.title['zh-TW']).toMatch(/[\u4e00-\u9fff]/)
      expect(c.explanation['zh-TW']).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('services', () => {
  it('fails when the proxy service is stopped, with the discovered short name in the fix', () => {
    const result = evaluate('xmpp-proxy-service-running', withServices('Stopped'))
    expect(result.status).toBe('fail')
    expect(result.fix?.commands).toContain('Start-CsWindowsService -Name RTCXMPPTGWPX')
    expect(result.fix?.changesServer).toBe(true)
    expect(result.evidence[0]?.text).toContain('Status=Stopped')
  })

  it('adds Set-Service when the proxy is disabled', () => {
    const result = evaluate('xmpp-proxy-service-running', withServices('Stopped', 'Disabled'))
    expect(result.fix?.commands[0]).toBe('Set-Service -Name RTCXMPPTGWPX -StartupType Automatic')
  })

  it('finds the proxy by the SfB 2015 display name too', () => {
    const evidence = healthyEdgeEvidence({
      services: collected([{ name: 'SomeName', displayName: 'Skype for Business Server XMPP Translating Gateway Proxy', status: 'Running', startType: 'Automatic', processId: null }]),
    })
    expect(evaluate('xmpp-components-installed', evidence).status).toBe('pass')
  })

  it('fails components-installed when no XMPP service exists', () => {
    const evidence = healthyEdgeEvidence({
      services: collected([{ name: 'RTCSRV', displayName: 'Lync Server Access Edge', status: 'Running', startType: 'Automatic', processId: 1 }]),
    })
    expect(evaluate('xmpp-components-installed', evidence).status).toBe('fail')
  })

  it('is unknown when services.json is missing, and says so', () => {
    const result = evaluate('xmpp-proxy-service-running', healthyEdgeEvidence({ services: missing }))
    expect(result.status).toBe('unknown')
    expect(result.summary.en).toContain('services.json')
  })

  it('skips the Front End gateway check on an Edge and checks it on a Front End', () => {
    expect(evaluate('xmpp-gateway-service-running', healthyEdgeEvidence()).status).toBe('skipped')
    const frontEnd = healthyEdgeEvidence({
      manifest: { state: 'missing' },
      services: collected([{ name: 'RTCXMPPTGW', displayName: 'Lync Server XMPP Translating Gateway', status: 'Stopped', startType: 'Automatic', processId: null }]),
    })
    const result = evaluate('xmpp-gateway-service-running', frontEnd)
    expect(result.status).toBe('fail')
    expect(result.fix?.commands).toContain('Start-CsWindowsService -Name RTCXMPPTGW')
  })
})

describe('ports', () => {
  it('fails when nothing listens on 5269', () => {
    const evidence = healthyEdgeEvidence({ netstat: collected([netstatLine('10.0.1.5', 23456, '0.0.0.0', 0, 'LISTENING', PROXY_PID)]) })
    const result = evaluate('xmpp-external-port-listening', evidence)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('5269')
  })

  it('fails when another process owns 5269', () => {
    const evidence = healthyEdgeEvidence({
      netstat: collected([netstatLine('0.0.0.0', 5269, '0.0.0.0', 0, 'LISTENING', 999)]),
      tasklist: collected([{ imageName: 'prosody.exe', pid: 999, services: [] }]),
    })
    const result = evaluate('xmpp-external-port-listening', evidence)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('prosody.exe')
  })

  it('recognizes a listener by shape whatever the state word says (localized netstat)', () => {
    const line = { ...netstatLine('0.0.0.0', 5269, '0.0.0.0', 0, '接聽', PROXY_PID) }
    const result = evaluate('xmpp-external-port-listening', healthyEdgeEvidence({ netstat: collected([line]) }))
    expect(result.status).toBe('pass')
  })

  it('passes without owner verification when tasklist is missing, and says so', () => {
    const evidence = healthyEdgeEvidence({ tasklist: missing, services: collected([]) })
    const result = evaluate('xmpp-external-port-listening', evidence)
    expect(result.status).toBe('pass')
    expect(result.summary.en).toContain('owner not verified')
  })

  it('warns when 23456 listens but the Front End has no connection', () => {
    const evidence = healthyEdgeEvidence({ netstat: collected([netstatLine('10.0.1.5', 23456, '0.0.0.0', 0, 'LISTENING', PROXY_PID)]) })
    expect(evaluate('xmpp-internal-port-listening', evidence).status).toBe('warn')
  })
})

describe('topology and replication', () => {
  const sites = (route: string | null) =>
    collected([{ identity: 'Site:Redmond', siteId: '1', federationRoute: null, xmppFederationRoute: route }])

  it('skips the route on an Edge without sites.json', () => {
    expect(evaluate('xmpp-federation-route-assigned', healthyEdgeEvidence()).status).toBe('skipped')
  })
  it('fails without an XMPP route, with a corrected Set-CsSite command', () => {
    const result = evaluate('xmpp-federation-route-assigned', healthyEdgeEvidence({ sites: sites(null) }))
    expect(result.status).toBe('fail')
    // PS/Set-CsSite: the site name without "Site:".
    expect(result.fix?.commands[0]).toBe("Set-CsSite -Identity Redmond -XmppFederationRoute 'EdgeServer:edgepool.contoso.com'")
    expect(result.fix?.plans?.[0]?.displayOnly).toBeNull()
  })
  it('fails when the route names a pool that is not in the topology', () => {
    expect(evaluate('xmpp-federation-route-assigned', healthyEdgeEvidence({ sites: sites('EdgeServer:old-edge.contoso.com') })).status).toBe('fail')
  })
  it('passes when the route names this Edge pool', () => {
    expect(evaluate('xmpp-federation-route-assigned', healthyEdgeEvidence({ sites: sites('EdgeServer:edgepool.contoso.com') })).status).toBe('pass')
  })
  it('fails a replica that is not up to date and warns a stale one', () => {
    const replica = (upToDate: boolean, last: string) =>
      collected([{ replicaFqdn: 'edge01.contoso.local', upToDate, lastStatusReport: last, lastUpdateCreation: null, productVersion: null }])
    expect(evaluate('cms-replica-up-to-date', healthyEdgeEvidence({ replication: replica(false, '2026-11-20T07:59:00Z') })).status).toBe('fail')
    expect(evaluate('cms-replica-up-to-date', healthyEdgeEvidence({ replication: replica(true, '2026-11-20T05:00:00Z') })).status).toBe('warn')
    expect(evaluate('cms-replica-up-to-date', healthyEdgeEvidence({ replication: replica(true, '2026-11-20T07:59:00Z') })).status).toBe('pass')
  })
})

describe('certificates', () => {
  const cert = (notAfter: string, names: string[]) =>
    collected([{ use: 'AccessEdgeExternal', thumbprint: 'AB', subject: 'CN=sip.contoso.com', issuer: 'CN=CA', notBefore: '2025-01-01T00:00:00Z', notAfter, alternativeNames: names }])

  it('fails an expired certificate, warns inside 30 days', () => {
    expect(evaluate('edge-certificate-valid', healthyEdgeEvidence({ certificates: cert('2026-11-01T00:00:00Z', ['sip.contoso.com']) })).status).toBe('fail')
    const soon = evaluate('edge-certificate-valid', healthyEdgeEvidence({ certificates: cert('2026-12-10T00:00:00Z', ['sip.contoso.com']) }))
    expect(soon.status).toBe('warn')
    expect(soon.summary.en).toContain('19 day(s)')
    // The threshold is 30 days, pinned from both sides (NOW is 2026-11-20T08:00Z).
    const status = (notAfter: string) => evaluate('edge-certificate-valid', healthyEdgeEvidence({ certificates: cert(notAfter, ['sip.contoso.com']) })).status
    expect(status('2026-12-20T07:30:00Z')).toBe('warn') // 29.98 days
    expect(status('2026-12-20T08:30:00Z')).toBe('pass') // 30.02 days
  })
  it('fails when no certificate has Use AccessEdgeExternal', () => {
    const internal = collected([{ use: 'Internal', thumbprint: 'AB', subject: 'CN=edge01', issuer: 'CN=CA', notBefore: null, notAfter: null, alternativeNames: [] }])
    expect(evaluate('edge-certificate-valid', healthyEdgeEvidence({ certificates: internal })).status).toBe('fail')
  })
  it('fails when the bare domain is missing from the names (the classic XMPP mistake)', () => {
    const result = evaluate('edge-certificate-names', healthyEdgeEvidence({ certificates: cert('2027-06-30T00:00:00Z', ['sip.contoso.com']) }))
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('contoso.com')
    expect(result.summary.en).not.toContain('sip.contoso.com,')
  })
  it('does not let a wildcard cover the bare domain', () => {
    const result = evaluate('edge-certificate-names', healthyEdgeEvidence({ certificates: cert('2027-06-30T00:00:00Z', ['*.contoso.com']) }))
    expect(result.status).toBe('fail')
    expect(result.summary.en).toMatch(/cover: contoso\.com\.$/)
  })
  it('checks the domain given on the command line', () => {
    const result = evaluate('edge-certificate-names', healthyEdgeEvidence(), { domains: ['fabrikam.com'] })
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('fabrikam.com, sip.fabrikam.com')
  })
  it('fails a root store over 100 certificates and warns misplaced intermediates', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ subject: `CN=R${i}`, issuer: `CN=R${i}`, thumbprint: `${i}` }))
    expect(evaluate('root-ca-store-healthy', healthyEdgeEvidence({ rootStore: collected(many) })).status).toBe('fail')
    const misplaced = [{ subject: 'CN=Intermediate', issuer: 'CN=Root', thumbprint: '1' }]
    expect(evaluate('root-ca-store-healthy', healthyEdgeEvidence({ rootStore: collected(misplaced) })).status).toBe('warn')
  })
})

describe('federation, policies and partners', () => {
  it('fails when AllowFederatedUsers is False', () => {
    const accessEdge = collected({ identity: 'Global', allowFederatedUsers: false, allowOutsideUsers: true, enablePartnerDiscovery: false, useDnsSrvRouting: true, properties: {} })
    const result = evaluate('access-edge-federation-enabled', healthyEdgeEvidence({ accessEdge }))
    expect(result.status).toBe('fail')
    expect(result.fix?.commands).toEqual(['Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true'])
  })

  const policy = (identity: string, xmpp: boolean) => ({ identity, enableFederationAccess: true, enableXmppAccess: xmpp, enablePublicCloudAccess: false, enableOutsideAccess: true })

  it('fails without any policy enabling XMPP, fix spelled correctly (the seed writes it without the dash)', () => {
    const result = evaluate('xmpp-access-policy-enabled', healthyEdgeEvidence({ externalAccessPolicies: collected([policy('Global', false)]) }))
    expect(result.status).toBe('fail')
    expect(result.fix?.commands).toEqual(['Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true'])
  })
  it('fails a per-user policy granted to nobody: every user gets the global policy, which denies XMPP', () => {
    const evidence = healthyEdgeEvidence({
      externalAccessPolicies: collected([policy('Global', false), policy('Tag:FedPic', true)]),
      policyGrants: collected([{ policy: null, userCount: 120 }]),
    })
    const result = evaluate('xmpp-access-policy-enabled', evidence)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toBe('No user can use XMPP: Global (120 global) deny it.')
    expect(result.fix?.commands[0]).toBe('Set-CsExternalAccessPolicy -Identity Global -EnableXmppAccess $true')
  })
  it('fails when most users get a policy that denies XMPP, naming the policy and the count', () => {
    const evidence = healthyEdgeEvidence({
      externalAccessPolicies: collected([policy('Global', false), policy('Tag:FedPic', true)]),
      policyGrants: collected([{ policy: 'FedPic', userCount: 12 }, { policy: null, userCount: 100 }]),
    })
    const result = evaluate('xmpp-access-policy-enabled', evidence)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toBe('Most users cannot use XMPP: 100 of 112 get a policy that denies it: Global (100 global).')
  })
  it('warns when some users cannot: a site policy with XMPP off applies to the users homed in that site', () => {
    const evidence = healthyEdgeEvidence({
      externalAccessPolicies: collected([policy('Global', true), policy('Site:Kaohsiung', false), policy('Tag:NoFederation', false)]),
      sites: collected([
        { identity: 'Site:Taipei', siteId: '1', federationRoute: null, xmppFederationRoute: 'EdgeServer:edgepool.contoso.com', displayName: 'Taipei', pools: ['fepool.contoso.com'] },
        { identity: 'Site:Kaohsiung', siteId: '2', federationRoute: null, xmppFederationRoute: 'EdgeServer:edgepool.contoso.com', displayName: 'Kaohsiung', pools: ['fepool-khh.contoso.com'] },
      ]),
      policyGrants: collected([
        { policy: null, registrarPool: 'fepool.contoso.com', userCount: 200 },
        { policy: null, registrarPool: 'fepool-khh.contoso.com', userCount: 40 },
        { policy: 'NoFederation', registrarPool: 'fepool.contoso.com', userCount: 5 },
      ]),
    })
    const result = evaluate('xmpp-access-policy-enabled', evidence)
    expect(result.status).toBe('warn')
    expect(result.summary.en).toBe('45 of 245 users cannot use XMPP: Site:Kaohsiung (40 homed in site Kaohsiung); Tag:NoFederation (5 per-user grant).')
    expect(result.fix?.commands[0]).toBe("Set-CsExternalAccessPolicy -Identity 'Site:Kaohsiung' -EnableXmppAccess $true")
    // Without the site's pools (older evidence), the site's users cannot be placed: not a pass.
    const older = healthyEdgeEvidence({
      externalAccessPolicies: collected([policy('Global', true), policy('Site:Kaohsiung', false)]),
      policyGrants: collected([{ policy: null, userCount: 240 }]),
    })
    expect(evaluate('xmpp-access-policy-enabled', older).status).toBe('unknown')
  })
  it('passes when every user gets a policy that allows XMPP, the global one included', () => {
    const evidence = healthyEdgeEvidence({
      externalAccessPolicies: collected([policy('Global', true)]),
      policyGrants: collected([{ policy: null, registrarPool: 'fepool.contoso.com', userCount: 240 }]),
    })
    expect(evaluate('xmpp-access-policy-enabled', evidence)).toMatchObject({ status: 'pass', summary: { en: 'All 240 users can use XMPP.' } })
  })
  it('on an Edge (no users), does not pass on the global policy alone when a site policy denies XMPP', () => {
    const evidence = healthyEdgeEvidence({
      externalAccessPolicies: collected([policy('Global', true), policy('Site:Kaohsiung', false)]),
      policyGrants: { state: 'missing' },
    })
    const result = evaluate('xmpp-access-policy-enabled', evidence)
    expect(result.status).toBe('warn')
    expect(result.summary.en).toContain('every user homed in site Kaohsiung without a per-user policy (Site:Kaohsiung)')
    expect(result.summary['zh-TW']).toContain('請在前端伺服器上收集證據以計算人數')
  })

  const partner = (tls: 'Required' | 'Optional' | 'NotSupported', sasl: 'Required' | 'Optional' | 'NotSupported', dialback: boolean, domain = 'jabber.org') => ({
    identity: domain, domain, additionalDomains: [], partnerType: 'PublicVerified', tlsNegotiation: tls, saslNegotiation: sasl,
    supportDialbackNegotiation: dialback, enableKeepAlive: true, proxyFqdn: null, connectionLimit: null,
  })

  it('fails with no partner, and when the asked-for partner is absent', () => {
    expect(evaluate('xmpp-partner-configured', healthyEdgeEvidence({ xmppPartners: collected([]) })).status).toBe('fail')
    const result = evaluate('xmpp-partner-configured', healthyEdgeEvidence(), { partners: ['example.org'] })
    expect(result.status).toBe('fail')
    expect(result.fix?.commands[0]).toContain('New-CsXmppAllowedPartner -Identity example.org')
  })
  it('judges negotiation by the DOC-NEG matrix', () => {
    const judge = (p: ReturnType<typeof partner>) => evaluate('xmpp-partner-negotiation-valid', healthyEdgeEvidence({ xmppPartners: collected([p]) })).status
    expect(judge(partner('NotSupported', 'NotSupported', false))).toBe('fail')
    expect(judge(partner('Required', 'NotSupported', false))).toBe('fail')
    expect(judge(partner('NotSupported', 'Required', true))).toBe('warn')
    expect(judge(partner('Required', 'Required', true))).toBe('warn')
    expect(judge(partner('Required', 'Optional', true))).toBe('pass')
    expect(judge(partner('NotSupported', 'NotSupported', true))).toBe('pass')
  })
  it('does not guess undocumented enum numbers', () => {
    const raw = { ...partner('Optional', 'Optional', true), tlsNegotiation: { raw: '2' } }
    expect(evaluate('xmpp-partner-negotiation-valid', healthyEdgeEvidence({ xmppPartners: collected([raw]) })).status).toBe('unknown')
  })
  it('warns about a Google Talk partner', () => {
    const result = evaluate('xmpp-partner-not-obsolete', healthyEdgeEvidence({ xmppPartners: collected([partner('NotSupported', 'NotSupported', true, 'gmail.com')]) }))
    expect(result.status).toBe('warn')
    expect(result.fix?.commands).toEqual(['Remove-CsXmppAllowedPartner -Identity gmail.com'])
  })
})

describe('DNS', () => {
  const srv = (records: { target: string; port: number; priority: number; weight: number }[], error: string | null = null) =>
    collected([{ query: '_xmpp-server._tcp.contoso.com', records, error }])

  it('fails without a record, on the wrong port, or pointing elsewhere', () => {
    expect(evaluate('xmpp-srv-record', healthyEdgeEvidence({ dnsSrv: srv([], 'DNS name does not exist') })).status).toBe('fail')
    expect(evaluate('xmpp-srv-record', healthyEdgeEvidence({ dnsSrv: srv([{ target: 'sip.contoso.com', port: 5061, priority: 0, weight: 0 }]) })).summary.en).toContain('5269')
    expect(evaluate('xmpp-srv-record', healthyEdgeEvidence({ dnsSrv: srv([{ target: 'xmpp.fabrikam.com', port: 5269, priority: 0, weight: 0 }]) })).status).toBe('fail')
  })
  it('warns equal priorities', () => {
    const records = [
      { target: 'sip.contoso.com', port: 5269, priority: 10, weight: 0 },
      { target: 'sip.contoso.com', port: 5269, priority: 10, weight: 0 },
    ]
    expect(evaluate('xmpp-srv-priorities', healthyEdgeEvidence({ dnsSrv: srv(records) })).status).toBe('warn')
  })
  it('fails a target without an address', () => {
    const result = evaluate('xmpp-srv-target-address', healthyEdgeEvidence({ dnsA: collected([{ query: 'sip.contoso.com', addresses: [], error: 'No records' }]) }))
    expect(result.status).toBe('fail')
  })
})

describe('event log', () => {
  const event = (provider: string, id: number, level: number) => ({
    timeCreated: '2026-11-20T07:00:00.000Z', id, level, levelDisplayName: level === 2 ? '錯誤' : '警告', providerName: provider, message: '訊息',
  })
  it('fails on errors from an XMPP provider, matching by provider and id, not text', () => {
    const result = evaluate('xmpp-event-log-clean', healthyEdgeEvidence({ events: collected([event('LS XMPP Translating Gateway Proxy', 42, 2), event('LS XMPP Translating Gateway Proxy', 42, 2)]) }))
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('2 XMPP error(s)')
    expect(result.evidence[0]?.text).toContain('Id=42')
  })
  it('warns on warnings only and ignores other providers', () => {
    expect(evaluate('xmpp-event-log-clean', healthyEdgeEvidence({ events: collected([event('LS XMPP Proxy', 7, 3)]) })).status).toBe('warn')
    expect(evaluate('xmpp-event-log-clean', healthyEdgeEvidence({ events: collected([event('LS Protocol Stack', 14428, 2)]) })).status).toBe('pass')
  })
})

describe('the engine', () => {
  it('turns a crashing check into an unknown result', () => {
    const result = runCheck(
      { ...EVIDENCE_CHECKS[0]!, evaluate: () => { throw new Error('boom') } },
      { evidence: healthyEdgeEvidence(), domains: [], now: NOW },
    )
    expect(result.status).toBe('unknown')
    expect(result.crashed).toBe('boom')
  })
})

describe('certificate loaded by the running proxy', () => {
  const withStart = (startedAt: string | null) => {
    const base = healthyEdgeEvidence()
    if (base.services.state !== 'collected') throw new Error('fixture')
    return healthyEdgeEvidence({
      services: collected(base.services.value.map((s) => (s.displayName.endsWith('Proxy') ? { ...s, processStartTime: startedAt } : s))),
    })
  }
  it('warns when the proxy started before the certificate was issued (not restarted after assigning it)', () => {
    const result = evaluate('edge-certificate-valid', withStart('2025-12-01T00:00:00.000Z'))
    expect(result.status).toBe('warn')
    expect(result.reason).toBe('proxy-started-before-certificate')
    expect(result.fix?.commands).toEqual(['Stop-CsWindowsService', 'Start-CsWindowsService'])
  })
  it('passes when the proxy started after the certificate was issued, or the start time is unknown', () => {
    expect(evaluate('edge-certificate-valid', withStart('2026-02-01T00:00:00.000Z')).status).toBe('pass')
    expect(evaluate('edge-certificate-valid', withStart(null)).status).toBe('pass')
  })
  it('says so when the proxy started after the certificate (setup step 22 proven), and not when the start time is unknown', () => {
    const after = evaluate('edge-certificate-valid', withStart('2026-02-01T00:00:00.000Z'))
    expect(after.reason).toBe('proxy-started-after-certificate')
    expect(after.evidence.at(-1)?.text).toMatch(/ProcessStartTime=2026-02-01T00:00:00.000Z .*NotBefore=/)
    expect(evaluate('edge-certificate-valid', withStart(null)).reason).toBeUndefined()
  })
})

describe('several Edge pools, sites and domains', () => {
  // Get-CsService -EdgeServer for a pool with XMPP federation and one without (XmppListeningPort empty, as in
  // the OPD mock RDCheckEdgePoolCount.tests.ps1 for an Edge without XMPP).
  const pool = (fqdn: string, external: string, xmppPort: number | null, siteId: string) => ({
    identity: `EdgeServer:${fqdn}`, poolFqdn: fqdn, siteId, accessEdgeExternalFqdn: external, accessEdgeExternalSipPort: 5061,
    xmppListeningPort: xmppPort, xmppInternalPort: xmppPort === null ? null : 23456, properties: {},
  })
  const twoPools = (secondServesXmpp: boolean) =>
    collected([
      pool('edgepool.contoso.com', 'sip.contoso.com', 5269, 'Site:Taipei'),
      pool('edgepool2.kaohsiung.contoso.com', 'sip2.contoso.com', secondServesXmpp ? 5269 : null, 'Site:Kaohsiung'),
    ])
  const manifest = (extra: { pool?: string | null; fqdn?: string | null; xmppDomains?: string[] }) => {
    const base = healthyEdgeEvidence().manifest
    if (base.state !== 'collected') throw new Error('fixture')
    return collected({ ...base.value, ...extra })
  }
  const srvRecords = (lookups: { domain: string; records: { target: string; priority: number }[] }[]) =>
    collected(lookups.map((l) => ({
      query: `_xmpp-server._tcp.${l.domain}`,
      records: l.records.map((r) => ({ target: r.target, port: 5269, priority: r.priority, weight: 0 })),
      error: l.records.length === 0 ? 'DNS name does not exist' : null,
    })))
  const cert = (names: string[]) =>
    collected([{ use: 'AccessEdgeExternal', thumbprint: 'AB', subject: 'CN=sip.contoso.com', issuer: 'CN=CA', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-06-30T00:00:00Z', alternativeNames: names }])

  it('does not demand another pool\'s Access Edge name on this Edge\'s certificate', () => {
    const evidence = healthyEdgeEvidence({ edgeServices: twoPools(true), manifest: manifest({ fqdn: 'edge01.contoso.com', pool: 'edgepool.contoso.com' }) })
    const result = evaluate('edge-certificate-names', evidence)
    expect(result.status).toBe('pass')
    expect(result.summary.en).not.toContain('sip2.contoso.com')
  })

  it('demands this pool\'s Access Edge name when this Edge is in the second pool, and the fix asks for it alone', () => {
    const evidence = healthyEdgeEvidence({ edgeServices: twoPools(true), manifest: manifest({ pool: 'edgepool2.kaohsiung.contoso.com' }) })
    const result = evaluate('edge-certificate-names', evidence)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('sip2.contoso.com')
    expect(result.fix?.commands.join('\n')).toContain('sip2.contoso.com')
  })

  it('with several pools and no pool recorded, accepts the certificate of any of them', () => {
    const result = evaluate('edge-certificate-names', healthyEdgeEvidence({ edgeServices: twoPools(true) }))
    expect(result.status).toBe('pass')
  })

  it('judges every XMPP domain on the certificate and names the one that fails', () => {
    const evidence = healthyEdgeEvidence({ manifest: manifest({ xmppDomains: ['contoso.com', 'fabrikam.com'] }), certificates: cert(['sip.contoso.com', 'contoso.com']) })
    const result = evaluate('edge-certificate-names', evidence)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('fabrikam.com')
    expect(result.summary.en).not.toMatch(/(^|[\s:,])contoso\.com/)
  })

  it('warns, not fails, when two XMPP pools share an SRV priority', () => {
    const dnsSrv = srvRecords([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }, { target: 'sip2.contoso.com', priority: 0 }] }])
    const result = evaluate('xmpp-srv-priorities', healthyEdgeEvidence({ edgeServices: twoPools(true), dnsSrv }))
    expect(result.status).toBe('warn')
    expect(result.summary.en).toContain('contoso.com')
    expect(evaluate('xmpp-srv-record', healthyEdgeEvidence({ edgeServices: twoPools(true), dnsSrv })).status).toBe('pass')
  })

  it('does not count a pool without XMPP federation', () => {
    const dnsSrv = srvRecords([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] }])
    expect(evaluate('xmpp-srv-priorities', healthyEdgeEvidence({ edgeServices: twoPools(false), dnsSrv })).status).toBe('pass')
  })

  it('warns when an XMPP pool has no SRV record, naming the pool\'s Access Edge name', () => {
    const dnsSrv = srvRecords([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] }])
    const result = evaluate('xmpp-srv-priorities', healthyEdgeEvidence({ edgeServices: twoPools(true), dnsSrv }))
    expect(result.status).toBe('warn')
    expect(result.summary.en).toContain('sip2.contoso.com')
    expect(result.fix?.commands.join('\n')).toContain('sip2.contoso.com')
    expect(result.fix?.commands.join('\n')).not.toContain('<')
  })

  it('does not pass the priority check when DNS returned no SRV record at all', () => {
    const dnsSrv = srvRecords([{ domain: 'contoso.com', records: [] }])
    expect(evaluate('xmpp-srv-priorities', healthyEdgeEvidence({ dnsSrv })).status).not.toBe('pass')
  })

  it('lists in its summary only the SRV targets DNS returned', () => {
    const dnsSrv = srvRecords([{ domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] }])
    const result = evaluate('xmpp-srv-record', healthyEdgeEvidence({ edgeServices: twoPools(true), dnsSrv }))
    expect(result.status).toBe('pass')
    expect(result.summary.en).toContain('sip.contoso.com')
    expect(result.summary.en).not.toContain('sip2.contoso.com')
  })

  it('fails an SRV record that points at a pool without XMPP federation', () => {
    const dnsSrv = srvRecords([{ domain: 'contoso.com', records: [{ target: 'sip2.contoso.com', priority: 0 }] }])
    const result = evaluate('xmpp-srv-record', healthyEdgeEvidence({ edgeServices: twoPools(false), dnsSrv }))
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('sip2.contoso.com')
  })

  it('needs an SRV record for every XMPP domain and names the domain without one', () => {
    const dnsSrv = srvRecords([
      { domain: 'contoso.com', records: [{ target: 'sip.contoso.com', priority: 0 }] },
      { domain: 'fabrikam.com', records: [] },
    ])
    const result = evaluate('xmpp-srv-record', healthyEdgeEvidence({ manifest: manifest({ xmppDomains: ['contoso.com', 'fabrikam.com'] }), dnsSrv }))
    expect(result.status).toBe('fail')
    expect(result.summary.en).toContain('_xmpp-server._tcp.fabrikam.com')
    expect(result.summary.en).not.toContain('_xmpp-server._tcp.contoso.com')
    expect(result.fix?.commands.join('\n')).toContain('_xmpp-server._tcp.fabrikam.com')
  })
})

describe('the certificate fix with several Edge pools', () => {
  const twoPools = collected([
    { identity: 'EdgeServer:edgepool.contoso.com', poolFqdn: 'edgepool.contoso.com', siteId: 'Site:Taipei', accessEdgeExternalFqdn: 'sip.contoso.com', accessEdgeExternalSipPort: 5061, xmppListeningPort: 5269, xmppInternalPort: 23456, properties: {} },
    { identity: 'EdgeServer:edgepool2.contoso.com', poolFqdn: 'edgepool2.contoso.com', siteId: 'Site:Kaohsiung', accessEdgeExternalFqdn: 'sip2.contoso.com', accessEdgeExternalSipPort: 5061, xmppListeningPort: 5269, xmppInternalPort: 23456, properties: {} },
  ])
  const bareDomainMissing = collected([{ use: 'AccessEdgeExternal', thumbprint: 'AB', subject: 'CN=sip.contoso.com', issuer: 'CN=CA', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-06-30T00:00:00Z', alternativeNames: ['sip.contoso.com'] }])

  it('never requests another pool\'s name, even when this Edge\'s pool was not recorded', () => {
    const result = evaluate('edge-certificate-names', healthyEdgeEvidence({ edgeServices: twoPools, certificates: bareDomainMissing }))
    expect(result.status).toBe('fail')
    expect(result.summary.en).toBe('The external edge certificate does not cover: contoso.com.')
    const commands = result.fix?.commands.join('\n') ?? ''
    expect(commands).toContain('sip.contoso.com')
    expect(commands).not.toContain('sip2.contoso.com')
  })

  it('says which pool it judged this Edge by', () => {
    const base = healthyEdgeEvidence().manifest
    if (base.state !== 'collected') throw new Error('fixture')
    const evidence = healthyEdgeEvidence({ edgeServices: twoPools, manifest: collected({ ...base.value, pool: 'edgepool.contoso.com' }) })
    const result = evaluate('edge-certificate-names', evidence)
    expect(result.status).toBe('pass')
    expect(result.evidence[0]?.text).toContain("This Edge's pool: edgepool.contoso.com  AccessEdgeExternalFqdn=sip.contoso.com")
  })
})

describe('a domain whose SRV record was not queried', () => {
  it('is unknown, not a missing record, and says how to collect it', () => {
    const result = evaluate('xmpp-srv-record', healthyEdgeEvidence(), { domains: ['contoso.com', 'fabrikam.com'] })
    expect(result.status).toBe('unknown')
    expect(result.summary.en).toContain('-Domain fabrikam.com')
  })

  it('still fails for a domain that was queried and has no record', () => {
    const dnsSrv = collected([{ query: '_xmpp-server._tcp.contoso.com', records: [], error: 'DNS name does not exist' }])
    const result = evaluate('xmpp-srv-record', healthyEdgeEvidence({ dnsSrv }), { domains: ['contoso.com', 'fabrikam.com'] })
    expect(result.status).toBe('fail')
    expect(result.summary.en).toBe('No SRV record for _xmpp-server._tcp.contoso.com.')
  })
})

describe('the XMPP route fix with several Edge pools', () => {
  it('names a pool with XMPP federation in the site, not the first pool listed', () => {
    const pool = (fqdn: string, siteId: string, xmppPort: number | null) => ({
      identity: `EdgeServer:${fqdn}`, poolFqdn: fqdn, siteId, accessEdgeExternalFqdn: `sip.${fqdn}`, accessEdgeExternalSipPort: 5061,
      xmppListeningPort: xmppPort, xmppInternalPort: null, properties: {},
    })
    const edgeServices = collected([pool('sipedge.contoso.com', 'Site:Taipei', null), pool('xmppedge.contoso.com', 'Site:Taipei', 5269)])
    const sites = collected([{ identity: 'Site:Taipei', siteId: '1', federationRoute: 'EdgeServer:sipedge.contoso.com', xmppFederationRoute: null }])
    const result = evaluate('xmpp-federation-route-assigned', healthyEdgeEvidence({ edgeServices, sites }))
    expect(result.status).toBe('fail')
    expect(result.fix?.commands.join('\n')).toContain('-XmppFederationRoute \'EdgeServer:xmppedge.contoso.com\'')
    expect(result.fix?.commands.join('\n')).not.toContain('sipedge')
  })
})
