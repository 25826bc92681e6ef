/**
 * Values from a server's own configuration that hold code (issue 8 item 1): a services.json Name, a partner
 * Identity/Domain, a policy Identity, a ReplicaFqdn, an SRV target and the manifest's domains. Run through
 * the real checks, every command holding such a value is display-only (with the reason) and shows the value
 * as a single-quoted literal; none is offered to run. A policy name with a space becomes one quoted value.
 */
import { describe, expect, it } from 'vitest'
import { singleQuoted } from '../../src-shared/commands/command-values'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import { EVIDENCE_CHECKS } from '../../src-shared/diagnostics/evidence-checks'
import { runCheck } from '../../src-shared/diagnostics/run-checks'
import type { Evidence, XmppPartner } from '../../src-shared/evidence/evidence-model'
import { offeredCommands } from '../../src-shared/ipc/runnable-fix'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { collected, healthyEdgeEvidence } from '../diagnostics/evidence-builder'

const NOW = new Date('2026-11-20T08:00:00.000Z')
const SERVICE = 'RTCXMPPTGWPX; Remove-Item C:\\ -Recurse -Force; #'
const PARTNER_QUOTE = "gmail.com'; Remove-Item C:\\ -Recurse; '"
const PARTNER_SUBEXPRESSION = 'x$(Start-Process calc)'
const PARTNER_NEWLINE = 'jabber.org\nRemove-Item C:\\ -Recurse'
const POLICY = "Tag:x'; Start-Process calc; '"
const REPLICA = 'edge01.contoso.local; Start-Process calc'
const SRV_TARGET = 'sip.contoso.com; Start-Process calc'
const DOMAIN = "contoso.com'; Start-Process calc; '"
const HOSTILE = [SERVICE, PARTNER_QUOTE, PARTNER_SUBEXPRESSION, PARTNER_NEWLINE, POLICY.slice(4), REPLICA, SRV_TARGET, DOMAIN]

function runAll(evidence: Evidence, domains: readonly string[] = []): CheckResult[] {
  return EVIDENCE_CHECKS.map((check) => runCheck(check, { evidence, domains, now: NOW }))
}

/** Every command that holds a hostile value: display-only, with the value quoted; nothing offered to run. */
function expectNothingRunnable(results: readonly CheckResult[], role: 'Edge' | 'FrontEnd'): number {
  let seen = 0
  for (const result of results) {
    for (const plan of result.fix?.plans ?? []) {
      const value = HOSTILE.find((h) => plan.text.includes(h) || plan.text.includes(singleQuoted(h)))
      if (!value) continue
      seen++
      expect(plan.displayOnly, plan.text).not.toBeNull()
      expect(plan.displayOnly?.['zh-TW']).toMatch(/[\u4e00-\u9fff]/)
      if (plan.form === 'powershell') expect(plan.text, plan.text).toContain(singleQuoted(value))
    }
  }
  const asResult = { rootCause: null, checks: results, subject: { role } } as unknown as DiagnosisResult
  for (const command of offeredCommands(asResult, role)) {
    for (const value of HOSTILE) {
      expect(command.text).not.toContain(value)
      expect(command.text).not.toContain(singleQuoted(value))
    }
  }
  return seen
}

function partner(identity: string): XmppPartner {
  return {
    identity, domain: identity, additionalDomains: [], partnerType: 'PublicVerified',
    // NotSupported / NotSupported / no dialback: invalid in DOC-NEG, so the check offers Set-CsXmppAllowedPartner.
    tlsNegotiation: 'NotSupported', saslNegotiation: 'NotSupported', supportDialbackNegotiation: false,
    enableKeepAlive: true, proxyFqdn: null, connectionLimit: null,
  }
}

describe('hostile values from the evidence', () => {
  it('on an Edge: service name, partners, SRV target and manifest domains', () => {
    const base = healthyEdgeEvidence()
    if (base.services.state !== 'collected' || base.manifest.state !== 'collected') throw new Error('fixture')
    const evidence = healthyEdgeEvidence({
      manifest: collected({ ...base.manifest.value, xmppDomains: [DOMAIN] }),
      services: collected(base.services.value.map((s) => (s.name === 'RTCXMPPTGWPX' ? { ...s, name: SERVICE, status: 'Stopped' } : s))),
      xmppPartners: collected([partner(PARTNER_QUOTE), partner(PARTNER_SUBEXPRESSION), partner(PARTNER_NEWLINE)]),
      dnsSrv: collected([
        { query: `_xmpp-server._tcp.${DOMAIN}`, records: [], error: 'NXDOMAIN' },
        { query: '_xmpp-server._tcp.contoso.com', records: [{ target: SRV_TARGET, port: 5269, priority: 0, weight: 0 }], error: null },
      ]),
      dnsA: collected([]),
    })
    const results = runAll(evidence)
    const proxy = results.find((r) => r.id === 'xmpp-proxy-service-running')
    expect(proxy?.fix?.commands[0]).toBe(`Start-CsWindowsService -Name ${singleQuoted(SERVICE)}`)
    expect(proxy?.fix?.plans?.[0]?.displayOnly?.en).toMatch(/not a Windows service name/)
    const negotiation = results.find((r) => r.id === 'xmpp-partner-negotiation-valid')
    expect(negotiation?.fix?.commands[0]).toBe(
      `Set-CsXmppAllowedPartner -Identity ${singleQuoted(PARTNER_QUOTE)} -TlsNegotiation Optional -SaslNegotiation Optional -SupportDialbackNegotiation $true`,
    )
    // Service, partner, SRV target and domain commands were all seen, and none is runnable.
    expect(expectNothingRunnable(results, 'Edge')).toBeGreaterThanOrEqual(3)
    expect(expectNothingRunnable(runAll(evidence, ['contoso.com']), 'Edge')).toBeGreaterThanOrEqual(2)
  })

  it('on a Front End: policy identities and a ReplicaFqdn', () => {
    const base = healthyEdgeEvidence()
    if (base.manifest.state !== 'collected') throw new Error('fixture')
    const manifest = base.manifest.value
    const frontEnd = (policies: { identity: string; enableXmppAccess: boolean }[]) =>
      healthyEdgeEvidence({
        manifest: collected({ ...manifest, role: 'FrontEnd' }),
        externalAccessPolicies: collected(
          policies.map((p) => ({ identity: p.identity, enableFederationAccess: true, enableXmppAccess: p.enableXmppAccess, enablePublicCloudAccess: false, enableOutsideAccess: true })),
        ),
        policyGrants: collected([{ policy: null, userCount: 40 }]),
        replication: collected([{ replicaFqdn: REPLICA, upToDate: false, lastStatusReport: '2026-11-19T08:00:00Z', lastUpdateCreation: null, productVersion: null }]),
      } as Partial<Evidence>)

    const hostile = runAll(frontEnd([{ identity: 'Global', enableXmppAccess: false }, { identity: POLICY, enableXmppAccess: true }]))
    const replica = hostile.find((r) => r.id === 'cms-replica-up-to-date')
    expect(replica?.fix?.plans?.map((p) => p.displayOnly === null)).toEqual([false, true, false])
    expect(expectNothingRunnable(hostile, 'FrontEnd')).toBeGreaterThanOrEqual(2)

    // Not hostile, but pasted as text it became `-PolicyName Allow XMPP` (two arguments): now one quoted value.
    const spaced = runAll(frontEnd([{ identity: 'Global', enableXmppAccess: false }, { identity: 'Tag:Allow XMPP', enableXmppAccess: true }]))
    const policy = spaced.find((r) => r.id === 'xmpp-access-policy-enabled')
    // Nobody has the enabling per-user policy: granting it is offered beside enabling XMPP in the global policy.
    expect(policy?.fix?.commands[1]).toBe("Get-CsUser | Grant-CsExternalAccessPolicy -PolicyName 'Allow XMPP'")
    expect(policy?.fix?.plans?.[1]?.displayOnly).toBeNull()
  })
})
