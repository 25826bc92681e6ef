/**
 * The scenarios of several Edge pools, sites and domains: beyond the verdict, each check says the right thing
 * about which pool and which domain (issue 9 items 2 and 3).
 */
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { loadScenario } from '../../src-main/scenarios/scenario-catalog'

async function checksOf(name: string) {
  const { read } = await loadScenario(name)
  const result = diagnose({ evidence: parseEvidence(read.files).evidence, domains: [], answers: {}, source: 'demo', startedAt: new Date() })
  return (id: string) => {
    const found = result.checks.find((r) => r.id === id)
    if (!found) throw new Error(`no result for ${id}`)
    return found
  }
}

describe('several Edge pools', () => {
  it('does not blame this Edge for the other pool\'s name, and lists the SRV records DNS returned', async () => {
    const check = await checksOf('second-edge-pool-healthy')
    expect(check('edge-certificate-names').status).toBe('pass')
    expect(check('xmpp-srv-priorities').status).toBe('pass')
    expect(check('xmpp-srv-record').summary.en).toContain('sip2.contoso.com:5269 (priority 10)')
  })

  it('warns, not fails, on equal priorities', async () => {
    const check = await checksOf('two-edge-pools-same-srv-priority')
    expect(check('xmpp-srv-priorities').status).toBe('warn')
    expect(check('xmpp-srv-record').status).toBe('pass')
  })

  it('on the second pool\'s Edge, demands its own name only', async () => {
    const check = await checksOf('second-edge-pool-own-name-missing')
    const names = check('edge-certificate-names')
    expect(names.status).toBe('fail')
    expect(names.summary.en).toMatch(/does not cover: sip2\.contoso\.com\.$/)
  })
})

describe('several domains', () => {
  it('names the domain without an SRV record, and offers its record', async () => {
    const check = await checksOf('second-domain-srv-missing')
    const srv = check('xmpp-srv-record')
    expect(srv.status).toBe('fail')
    expect(srv.summary.en).toBe('No SRV record for _xmpp-server._tcp.fabrikam.com.')
    expect(srv.fix?.commands.join('\n')).toContain('_xmpp-server._tcp.fabrikam.com. 3600 IN SRV 0 0 5269 sip.contoso.com.')
    expect(check('edge-certificate-names').status).toBe('pass')
  })
})

describe('a pool without XMPP, a domain without a certificate name', () => {
  it('does not count the pool without XMPP federation', async () => {
    const check = await checksOf('second-edge-pool-without-xmpp')
    expect(check('xmpp-srv-priorities').status).toBe('pass')
    expect(check('edge-certificate-names').status).toBe('pass')
  })

  it('names the domain the certificate lacks', async () => {
    const check = await checksOf('second-domain-not-on-certificate')
    expect(check('edge-certificate-names').summary.en).toBe('The external edge certificate does not cover: fabrikam.com, sip.fabrikam.com.')
    expect(check('xmpp-srv-record').status).toBe('pass')
  })
})
