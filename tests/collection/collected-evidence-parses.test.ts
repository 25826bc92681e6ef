import { afterEach, describe, expect, it } from 'vitest'
import { collectLive } from '../../src-main/collection/live-collector'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { createFakeHarness, type FakeHarness } from '../fakes/fake-powershell-harness'

// The contract between the collector (this area) and the evidence parsers: what a live collection
// produces must parse without errors or warnings.
let harness: FakeHarness | null = null
afterEach(() => harness?.cleanup())

describe('live collection output → parseEvidence', () => {
  it.each(['Edge', 'FrontEnd'] as const)('parses every file a %s collection produces', async (role) => {
    harness = createFakeHarness({ role })
    const collection = await collectLive(harness.createSession, {
      domains: ['contoso.com', 'fabrikam.com'],
      timeoutPerCommandMs: 5000,
      appVersion: '0.1.0',
    })
    const { evidence, diagnostics } = parseEvidence(collection.files)
    for (const diagnostic of diagnostics) {
      const skipped = role === 'Edge' && ['policy-grants.json', 'replication.json'].includes(diagnostic.file)
      expect(diagnostic.state, diagnostic.file).toBe(skipped ? 'missing' : 'collected')
      expect(diagnostic.warnings, diagnostic.file).toEqual([])
    }
    expect(evidence.manifest.state === 'collected' && evidence.manifest.value.role).toBe(role)
    expect(evidence.dnsSrv.state === 'collected' && evidence.dnsSrv.value.map((lookup) => lookup.query)).toEqual([
      '_xmpp-server._tcp.contoso.com',
      '_xmpp-server._tcp.fabrikam.com',
    ])
    expect(evidence.xmppPartners.state === 'collected' && evidence.xmppPartners.value[0]?.tlsNegotiation).toBe('Required')
    expect(evidence.netstat.state === 'collected' && evidence.netstat.value.some((entry) => entry.localPort === 5269 && entry.isListening)).toBe(true)
    // ProcessStartTime: ISO 8601 from the collector, null where Get-Process could not read it.
    const services = evidence.services.state === 'collected' ? evidence.services.value : []
    expect(services.find((s) => s.name === 'RTCXMPPTGWPX')?.processStartTime).toBe('2026-11-19T22:04:11.531Z')
    expect(services.find((s) => s.name === 'RTCMRAUTH')).toMatchObject({ processId: 3288, processStartTime: null })
  })
})
