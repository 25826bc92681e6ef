// Several SIP domains (Get-CsSipDomain) beside the XMPP domain given with -Domain: a SIP domain that publishes
// _xmpp-server._tcp federates over XMPP and gets every verdict; one that publishes none is SIP-only (DOC-DNS).
import { describe, expect, it } from 'vitest'
import type { CheckContext, CheckId } from '../../src-shared/diagnostics/check-types'
import { EVIDENCE_CHECKS } from '../../src-shared/diagnostics/evidence-checks'
import { runCheck } from '../../src-shared/diagnostics/run-checks'
import type { Evidence, SrvLookup } from '../../src-shared/evidence/evidence-model'
import { collected, healthyEdgeEvidence } from './evidence-builder'

const NOW = new Date('2026-11-20T08:00:00.000Z')

function evaluate(id: CheckId, evidence: Evidence, extra: Partial<CheckContext> = {}) {
  const check = EVIDENCE_CHECKS.find((c) => c.id === id)
  if (!check) throw new Error(`no check ${id}`)
  return runCheck(check, { evidence, domains: [], now: NOW, ...extra })
}

function lookup(domain: string, target: string | null): SrvLookup {
  return {
    query: `_xmpp-server._tcp.${domain}`,
    records: target ? [{ target, port: 5269, priority: 0, weight: 0 }] : [],
    error: target ? null : `_xmpp-server._tcp.${domain} : DNS name does not exist`,
  }
}

/** Collected with -Domain contoso.com on a deployment whose SIP domains are contoso.com and fabrikam.com. */
function twoSipDomains(fabrikamTarget: string | null, certificateNames = ['sip.contoso.com', 'contoso.com']): Evidence {
  const base = healthyEdgeEvidence()
  if (base.manifest.state !== 'collected' || base.certificates.state !== 'collected') throw new Error('fixture')
  return healthyEdgeEvidence({
    manifest: collected({ ...base.manifest.value, sipDomains: ['contoso.com', 'Fabrikam.com'], xmppDomains: ['contoso.com'] }),
    dnsSrv: collected([lookup('contoso.com', 'sip.contoso.com'), lookup('fabrikam.com', fabrikamTarget)]),
    certificates: collected(base.certificates.value.map((c) => ({ ...c, alternativeNames: certificateNames }))),
  })
}

describe('a SIP domain without an _xmpp-server record', () => {
  it('does not fail the SRV check, and the summary says which domain was not judged and why, in both languages', () => {
    const result = evaluate('xmpp-srv-record', twoSipDomains(null))
    expect(result.status).toBe('pass')
    expect(result.summary.en).toContain('contoso.com → sip.contoso.com:5269')
    expect(result.summary.en).toContain('Not judged: fabrikam.com (SIP domain: DNS returned no _xmpp-server._tcp record')
    expect(result.summary['zh-TW']).toContain('未判斷：fabrikam.com（SIP 網域：DNS 未傳回 _xmpp-server._tcp 記錄')
    expect(result.evidence.map((item) => item.text)).toContain('_xmpp-server._tcp.fabrikam.com: _xmpp-server._tcp.fabrikam.com : DNS name does not exist')
  })

  it('is named as not queried, not as without a record, in evidence collected before SIP domains were looked up', () => {
    const evidence = twoSipDomains(null)
    const onlyContoso = { ...evidence, dnsSrv: collected([lookup('contoso.com', 'sip.contoso.com')]) }
    const result = evaluate('xmpp-srv-record', onlyContoso)
    expect(result.status).toBe('pass')
    expect(result.summary.en).toContain('Not queried: fabrikam.com (SIP domain; if it federates over XMPP, collect again with -Domain fabrikam.com).')
    expect(result.summary.en).not.toContain('Not judged')
    expect(result.summary['zh-TW']).toContain('未查詢：fabrikam.com（SIP 網域；若它以 XMPP 同盟，請以 -Domain fabrikam.com 重新收集）。')
  })

  it('is not required on the certificate', () => {
    const result = evaluate('edge-certificate-names', twoSipDomains(null))
    expect(result.status).toBe('pass')
    expect(result.summary.en).not.toContain('fabrikam')
  })

  it('is still judged when it was given with -Domain', () => {
    const evidence = twoSipDomains(null)
    if (evidence.manifest.state !== 'collected') throw new Error('fixture')
    const asXmpp = { ...evidence, manifest: collected({ ...evidence.manifest.value, xmppDomains: ['contoso.com', 'fabrikam.com'] }) }
    const result = evaluate('xmpp-srv-record', asXmpp)
    expect(result.status).toBe('fail')
    expect(result.summary.en).toBe('No SRV record for _xmpp-server._tcp.fabrikam.com.')
  })
})

describe('a SIP domain that publishes an _xmpp-server record', () => {
  it('gets its SRV verdict, naming the domain', () => {
    const pass = evaluate('xmpp-srv-record', twoSipDomains('sip.contoso.com'))
    expect(pass.status).toBe('pass')
    expect(pass.summary.en).toContain('fabrikam.com → sip.contoso.com:5269')
    expect(pass.summary.en).not.toContain('Not judged')
    const wrong = evaluate('xmpp-srv-record', twoSipDomains('xmpp.fabrikam.com'))
    expect(wrong.status).toBe('fail')
    expect(wrong.summary.en).toContain('fabrikam.com → xmpp.fabrikam.com')
  })

  it('must be on the certificate, and the failure names it', () => {
    const missing = evaluate('edge-certificate-names', twoSipDomains('sip.contoso.com'))
    expect(missing.status).toBe('fail')
    expect(missing.summary.en).toBe('The external edge certificate does not cover: fabrikam.com, sip.fabrikam.com.')
    const covered = evaluate('edge-certificate-names', twoSipDomains('sip.contoso.com', ['sip.contoso.com', 'contoso.com', 'fabrikam.com', 'sip.fabrikam.com']))
    expect(covered.status).toBe('pass')
    expect(covered.summary.en).toContain('fabrikam.com')
  })

  it('is left out when the caller names the domains to judge', () => {
    const result = evaluate('edge-certificate-names', twoSipDomains('sip.contoso.com'), { domains: ['contoso.com'] })
    expect(result.status).toBe('pass')
  })
})

describe('the priorities of two XMPP domains served by one Edge pool', () => {
  it('passes without calling two records of priority 0 "distinct": priorities order the records of one domain', () => {
    const result = evaluate('xmpp-srv-priorities', twoSipDomains('sip.contoso.com'))
    expect(result.status).toBe('pass')
    expect(result.summary.en).toMatch(/^One record per domain \(one Edge pool serves XMPP\): contoso\.com → sip\.contoso\.com:5269 \(priority 0\); fabrikam\.com/)
    expect(result.summary['zh-TW']).toMatch(/^每個網域各一筆記錄（由一個 Edge 集區提供 XMPP）：/)
    expect(result.summary.en).not.toContain('distinct')
  })
})

describe('the certificate request the names check proposes', () => {
  it('names everything the check requires, so a certificate issued as requested passes it', () => {
    const failing = evaluate('edge-certificate-names', twoSipDomains('sip.contoso.com'))
    expect(failing.status).toBe('fail')
    const request = failing.fix?.commands.find((command) => command.startsWith('Request-CsCertificate'))
    const requested = /-DomainName '([^']+)'/.exec(request ?? '')?.[1]?.split(',')
    expect(requested).toEqual(['sip.contoso.com', 'contoso.com', 'fabrikam.com', 'sip.fabrikam.com'])
    expect(evaluate('edge-certificate-names', twoSipDomains('sip.contoso.com', requested)).status).toBe('pass')
  })
})
