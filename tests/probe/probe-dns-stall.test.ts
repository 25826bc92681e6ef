/**
 * The probe must not stall on a resolver that drops (or is slow to answer) one query type, the way a
 * DMZ firewall in front of an Edge Server may drop every AAAA query. RFC 8305 §3: A and AAAA are asked
 * together, connecting starts 50 ms after the first family answers, a late family is tried after the
 * first one's addresses, and a query never answered is reported as timed out. The same holds for the
 * _xmpp-server and XEP-0368 _xmpps-server SRV names. The resolver is a scripted DNS server on 127.0.0.1.
 *
 * The time bounds are correctness bounds, not benchmarks: with a 5 s step timeout, a probe that waited
 * for the dropped query would take at least 5 s; one that does not takes a few ms to a few hundred.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeDomain, type ProbeOptions } from '../../src-main/probe/probe-domain'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DomainProbeReport, ProbeAddressLookup } from '../../src-shared/probe/probe-types'
import { probeContext } from './helpers/probe-context'
import { startScriptedDns, type RunningScriptedDns } from './helpers/scripted-dns-server'
import { createTestPki } from './helpers/test-certificates'
import { plainXmppResponder, startPeer, streamHeaderFrom, type PeerBehaviour, type TestPeer } from './helpers/test-peers'

const STEP_MS = 5_000

let dir: string
let caFile: string
let peer4: TestPeer
let peer6: TestPeer
let slowPeer: TestPeer
let directTls: TestPeer
let dns: RunningScriptedDns
let cleanDns: RunningScriptedDns

/** Answers the stream header only after `ms`: a target that keeps the probe busy for a while. */
function slowResponder(domain: string, ms: number): PeerBehaviour {
  return (socket: Socket) => {
    let answered = false
    socket.on('data', () => {
      if (answered) return
      answered = true
      const timer = setTimeout(() => {
        if (!socket.destroyed) socket.write(`${streamHeaderFrom(domain)}<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>`)
      }, ms)
      socket.once('close', () => clearTimeout(timer))
    })
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'probe-dns-stall-'))
  const pki = createTestPki(dir)
  caFile = pki.caFile
  const leaf = pki.issue('latexmpps.test', { san: 'DNS:latexmpps.test' })
  peer4 = await startPeer(plainXmppResponder('peer.test'))
  // IPv6 only: nothing listens on 127.0.0.1 at this port, so an IPv4 attempt there is refused.
  peer6 = await startPeer(plainXmppResponder('peer.test'), { host: '::1' })
  const probeV4 = await startPeer(() => undefined, { port: peer6.port }).catch(() => null)
  if (!probeV4) throw new Error(`127.0.0.1:${peer6.port} is taken; rerun`)
  await probeV4.close()
  slowPeer = await startPeer(slowResponder('latexmpps.test', 400))
  directTls = await startPeer(plainXmppResponder('latexmpps.test'), {
    tls: { cert: readFileSync(leaf.certFile), key: readFileSync(leaf.keyFile), ALPNProtocols: ['xmpp-server'] },
  })
  const srvTo = (target: string, port: number) => ({ srv: [{ target, port, priority: 0, weight: 0 }] })
  const zone = {
    '_xmpp-server._tcp.dropaaaa.test': srvTo('xmpp.dropaaaa.test', peer4.port),
    'xmpp.dropaaaa.test': { a: ['127.0.0.1'], aaaa: ['::1'] },
    '_xmpp-server._tcp.slowaaaa.test': srvTo('xmpp.slowaaaa.test', peer4.port),
    'xmpp.slowaaaa.test': { a: ['127.0.0.1'], aaaa: ['::1'] },
    '_xmpp-server._tcp.dropa.test': srvTo('xmpp.dropa.test', peer6.port),
    'xmpp.dropa.test': { a: ['127.0.0.1'], aaaa: ['::1'] },
    '_xmpp-server._tcp.latev6.test': srvTo('xmpp.latev6.test', peer6.port),
    'xmpp.latev6.test': { a: ['127.0.0.1'], aaaa: ['::1'] },
    '_xmpp-server._tcp.refusedv4.test': srvTo('xmpp.refusedv4.test', peer6.port),
    'xmpp.refusedv4.test': { a: ['127.0.0.1'], aaaa: ['::1'] },
    '_xmpp-server._tcp.dropxmpps.test': srvTo('xmpp.dropxmpps.test', peer4.port),
    'xmpp.dropxmpps.test': { a: ['127.0.0.1'] },
    '_xmpp-server._tcp.latexmpps.test': srvTo('slow.latexmpps.test', slowPeer.port),
    '_xmpps-server._tcp.latexmpps.test': srvTo('tls.latexmpps.test', directTls.port),
    'slow.latexmpps.test': { a: ['127.0.0.1'] },
    'tls.latexmpps.test': { a: ['127.0.0.1'] },
  }
  dns = await startScriptedDns(zone, [
    { type: 'AAAA', name: 'xmpp.dropaaaa.test', drop: true },
    { type: 'AAAA', name: 'xmpp.slowaaaa.test', delayMs: 2_000 },
    { type: 'A', name: 'xmpp.dropa.test', drop: true },
    { type: 'AAAA', name: 'xmpp.latev6.test', delayMs: 300 },
    { type: 'SRV', name: '_xmpps-server._tcp.dropxmpps.test', drop: true },
    { type: 'SRV', name: '_xmpps-server._tcp.latexmpps.test', delayMs: 150 },
    { type: 'AAAA', name: 'xmpp.refusedv4.test', drop: true },
    { type: 'SRV', name: '_xmpp-server._tcp.silent.test', drop: true },
    { type: 'SRV', name: '_xmpps-server._tcp.silent.test', drop: true },
  ])
  // Answers everything dropaaaa.test needs, at once.
  cleanDns = await startScriptedDns(zone)
}, 60_000)

afterAll(async () => {
  await Promise.all([dns?.close(), cleanDns?.close(), peer4?.close(), peer6?.close(), slowPeer?.close(), directTls?.close()])
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/**
 * Probes with a long step bound. That nothing waited for a dropped query is shown by the report (the query
 * "had finished without it", the target connected, the bound flags), never by wall-clock assertions, which
 * a loaded machine breaks; the times themselves are `npm run bench`'s business.
 */
async function timedProbe(domain: string, extra: ProbeOptions = {}): Promise<{ report: DomainProbeReport }> {
  const report = await probeDomain(domain, { dnsServers: [dns.server], stepTimeoutMs: STEP_MS, caFiles: [caFile], ...extra })
  return { report }
}

function check(results: readonly CheckResult[], id: string): CheckResult {
  const found = results.find((r) => r.id === id)
  if (!found) throw new Error(`no result for ${id}`)
  return found
}

function query(lookup: ProbeAddressLookup | undefined, type: 'A' | 'AAAA') {
  const found = lookup?.queries?.find((q) => q.type === type)
  if (!found) throw new Error(`no ${type} query for ${lookup?.host ?? '(no lookup)'}`)
  return found
}

function asked(type: string, name: string): string[] {
  return dns.queries().filter((q) => q.type === type && q.name === name).map((q) => q.outcome)
}

describe('a resolver that drops or delays one query type does not stall the probe', () => {
  it('AAAA never answered: connects over IPv4 after the resolution delay, and the report says the AAAA query timed out', async () => {
    const { report } = await timedProbe('dropaaaa.test')
    expect(asked('AAAA', 'xmpp.dropaaaa.test')).toEqual(['dropped'])
    expect(report.timedOut).toBe(false)
    expect(report.targets[0]).toMatchObject({ host: 'xmpp.dropaaaa.test', connectedAddress: '127.0.0.1', failure: null, addresses: ['127.0.0.1'] })
    const lookup = report.dns.addresses[0]
    expect(lookup).toMatchObject({ host: 'xmpp.dropaaaa.test', ipv4: ['127.0.0.1'], ipv6: [], error: null })
    expect(query(lookup, 'A').error).toBeNull()
    expect(query(lookup, 'AAAA').error).toMatchObject({ code: 'ETIMEOUT', message: expect.stringMatching(/^no answer within \d+ ms \(the probe had finished without it\)$/) })
    const results = evaluateProbeChecks([report], probeContext())
    expect(check(results, 's2s-target-resolves').status).toBe('pass')
    expect(check(results, 's2s-port-reachable').status).toBe('pass')
    expect(check(results, 's2s-target-resolves').evidence.map((e) => e.text)).toContainEqual(
      expect.stringMatching(new RegExp(`^AAAA query for xmpp\\.dropaaaa\\.test @${dns.server.replace(/\./g, '\\.')} timed out: no answer within \\d+ ms`)),
    )
  })

  it('AAAA answered only after 2 s: the probe does not wait for it and reports the AAAA query as timed out', async () => {
    const { report } = await timedProbe('slowaaaa.test')
    expect(asked('AAAA', 'xmpp.slowaaaa.test')).toEqual(['delayed'])
    expect(report.targets[0]).toMatchObject({ connectedAddress: '127.0.0.1', failure: null })
    const lookup = report.dns.addresses[0]
    expect(query(lookup, 'AAAA').error?.code).toBe('ETIMEOUT')
    // The probe finished without the late answer: it did not wait for it.
    expect(query(lookup, 'AAAA').error?.message).toMatch(/\(the probe had finished without it\)$/)
    expect(lookup?.ipv6).toEqual([])
    const lines = check(evaluateProbeChecks([report], probeContext()), 's2s-target-resolves').evidence.map((e) => e.text)
    expect(lines.some((line) => line.startsWith('AAAA query for xmpp.slowaaaa.test') && line.includes('timed out'))).toBe(true)
  })

  it('A never answered: connects over IPv6, and the report says the A query timed out', async () => {
    const { report } = await timedProbe('dropa.test')
    expect(asked('A', 'xmpp.dropa.test')).toEqual(['dropped'])
    expect(report.targets[0]).toMatchObject({ connectedAddress: '::1', failure: null, addresses: ['::1'] })
    expect(query(report.dns.addresses[0], 'A').error?.code).toBe('ETIMEOUT')
  })

  it('a family that answers late is tried after the first family fails', async () => {
    const { report } = await timedProbe('latev6.test')
    const target = report.targets[0]
    // 127.0.0.1 refuses at once; the AAAA answer comes 300 ms after the question, then ::1 accepts.
    expect(target?.connectAttempts.map((a) => [a.address, a.ok, a.error?.code ?? null])).toEqual([
      ['127.0.0.1', false, 'refused'],
      ['::1', true, null],
    ])
    expect(target).toMatchObject({ connectedAddress: '::1', failure: null, addresses: ['127.0.0.1', '::1'] })
    const lookup = report.dns.addresses[0]
    expect(lookup).toMatchObject({ ipv4: ['127.0.0.1'], ipv6: ['::1'], error: null })
    expect(query(lookup, 'AAAA').error).toBeNull()
  })

  it('--connect to a host name: its own lookup does not wait for the dropped AAAA either', async () => {
    const { report } = await timedProbe('dropaaaa.test', { connect: { host: 'xmpp.dropaaaa.test', port: peer4.port } })
    expect(report.targets[0]).toMatchObject({ source: 'override', connectedAddress: '127.0.0.1', failure: null, addresses: ['127.0.0.1'] })
    expect(query(report.dns.addresses[0], 'AAAA').error?.code).toBe('ETIMEOUT')
  })

  it('an alternate resolver that drops AAAA does not hold the probe either', async () => {
    const { report } = await timedProbe('dropaaaa.test', { dnsServers: [cleanDns.server, dns.server] })
    expect(report.dns.addresses[0]).toMatchObject({ ipv4: ['127.0.0.1'], ipv6: ['::1'] })
    expect(report.alternateDns[0]?.resolver).toBe(dns.server)
    expect(query(report.alternateDns[0]?.addresses[0], 'AAAA').error?.code).toBe('ETIMEOUT')
  })
})

describe('the two SRV names do not wait for each other', () => {
  it('_xmpps-server never answered: the _xmpp-server targets are probed at once, and the dropped query is shown', async () => {
    const { report } = await timedProbe('dropxmpps.test')
    expect(asked('SRV', '_xmpps-server._tcp.dropxmpps.test')).toEqual(['dropped'])
    expect(report.targets.map((t) => [t.host, t.connectedAddress, t.failure])).toEqual([['xmpp.dropxmpps.test', '127.0.0.1', null]])
    expect(report.dns).toMatchObject({ fallbackUsed: false, serviceRefused: false })
    expect(report.dns.xmppsSrv.error?.code).toBe('ETIMEOUT')
    const srv = check(evaluateProbeChecks([report], probeContext()), 's2s-dns-srv')
    expect(srv.status).toBe('pass')
    expect(srv.evidence.map((e) => e.text)).toContainEqual(expect.stringMatching(/^_xmpps-server\._tcp\.dropxmpps\.test @[\d.:]+: ETIMEOUT \(no answer within \d+ ms/))
  })

  it('a late _xmpps-server answer adds its direct-TLS target while the first target is still being probed', async () => {
    const { report } = await timedProbe('latexmpps.test')
    expect(report.dns.xmppsSrv.records.map((r) => r.target)).toEqual(['tls.latexmpps.test'])
    expect(report.targets.map((t) => [t.host, t.transport, t.connectedAddress, t.failure])).toEqual([
      ['slow.latexmpps.test', 'starttls', '127.0.0.1', null],
      ['tls.latexmpps.test', 'direct-tls', '127.0.0.1', null],
    ])
    expect(report.targets[1]?.tls?.authorized).toBe(true)
    expect(report.dns.addresses.map((a) => a.host)).toEqual(['slow.latexmpps.test', 'tls.latexmpps.test'])
  })
})

describe('the bounds still hold', () => {
  it('the whole-probe bound cuts unanswered SRV queries short: nothing is planned, nothing falls back', async () => {
    const { report } = await timedProbe('silent.test', { totalTimeoutMs: 300 })
    expect(report).toMatchObject({ timedOut: true, targets: [] })
    expect(report.dns).toMatchObject({ fallbackUsed: false, addresses: [] })
    expect(report.dns.srv.error?.code).toBe('ECANCELLED')
    const results = evaluateProbeChecks([report], probeContext())
    expect(check(results, 's2s-port-reachable').status).toBe('unknown')
  })

  it('waiting for a late family after the first one failed ends at the whole-probe bound', async () => {
    const { report } = await timedProbe('refusedv4.test', { totalTimeoutMs: 400 })
    expect(report.timedOut).toBe(true)
    const target = report.targets[0]
    expect(target?.connectAttempts.map((a) => [a.address, a.error?.code])).toEqual([['127.0.0.1', 'refused']])
    expect(target?.failure).toMatchObject({ step: 'connect', code: 'total-timeout' })
    // Cancelled by the bound; whether c-ares' ECANCELLED or the report's own "no answer" comes first is a race.
    const aaaa = query(report.dns.addresses[0], 'AAAA').error
    expect(aaaa?.code === 'ECANCELLED' || aaaa?.message.endsWith('(the probe reached its 400 ms limit)')).toBe(true)
  })
})
