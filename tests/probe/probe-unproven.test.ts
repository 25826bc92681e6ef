/**
 * A timeout is not an absence (issue 14): a DNS query nobody answered (dropped, SERVFAIL, REFUSED) makes a
 * check `unknown` and names the resolver and the limit, never "no record"; only NXDOMAIN/NODATA from a
 * resolver that answered proves absence. The same for TCP (refused = a reset, filtered = no answer) and
 * for the stream, and every check a limit cut names the limit (the step's, --timeout, or the whole
 * probe's, --total-timeout). Real Prosody and dnsmasq on 127.0.0.1; the scripted DNS server drops,
 * delays or fails queries where dnsmasq cannot.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeDomain, type ProbeOptions } from '../../src-main/probe/probe-domain'
import { runProbeCommand } from '../../src-main/cli/commands/probe-command'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { startDnsmasq, type RunningDnsmasq } from './helpers/dnsmasq-server'
import { freeTcpPort } from './helpers/free-port'
import { probeContext } from './helpers/probe-context'
import { startProsody, type RunningProsody } from './helpers/prosody-server'
import { startScriptedDns, type RunningScriptedDns } from './helpers/scripted-dns-server'
import { createTestPki, type TestPki } from './helpers/test-certificates'
import { startPeer, type TestPeer } from './helpers/test-peers'
import { startUnacceptingListener, type UnacceptingListener } from './helpers/unaccepting-listener'

let dir: string
let pki: TestPki
let prosody: RunningProsody
let dnsmasq: RunningDnsmasq
let scripted: RunningScriptedDns
let silentPeer: TestPeer
let filtered: UnacceptingListener
let closedPort: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'probe-unproven-'))
  pki = createTestPki(dir)
  const reach = pki.issue('reach.test', { san: 'DNS:reach.test' })
  prosody = await startProsody(join(dir, 'prosody'), [{ domain: 'reach.test', ...reach }])
  silentPeer = await startPeer(() => undefined)
  filtered = await startUnacceptingListener()
  closedPort = await freeTcpPort()
  const srv = (domain: string, target: string, port: number) => ({ name: `_xmpp-server._tcp.${domain}`, target, port, priority: 0, weight: 0 })
  dnsmasq = await startDnsmasq({
    srv: [
      srv('closed.test', 'xmpp.closed.test', closedPort),
      srv('filtered.test', 'xmpp.filtered.test', filtered.port),
      srv('silent.test', 'xmpp.silent.test', silentPeer.port),
      srv('nx.test', 'missing.nx.test', prosody.port),
      // Outside dnsmasq's --local=/test/ and with no upstream: dnsmasq answers REFUSED for the target's A/AAAA.
      srv('refusedname.test', 'xmpp.refusedname.example', prosody.port),
    ],
    hosts: { 'xmpp.closed.test': ['127.0.0.1'], 'xmpp.filtered.test': ['127.0.0.1'], 'xmpp.silent.test': ['127.0.0.1'] },
  })
  const srvTo = (target: string, port: number) => ({ srv: [{ target, port, priority: 0, weight: 0 }] })
  scripted = await startScriptedDns(
    {
      '_xmpp-server._tcp.reach.test': srvTo('xmpp.reach.test', prosody.port),
      'xmpp.reach.test': { a: ['127.0.0.1'] },
      '_xmpp-server._tcp.servfail.test': srvTo('xmpp.servfail.test', prosody.port),
      'xmpp.servfail.test': { a: ['127.0.0.1'] },
    },
    [
      // The record exists; the resolver is only slower than a too-short step limit.
      { type: 'A', name: 'xmpp.reach.test', delayMs: 2_000 },
      { type: 'AAAA', name: 'xmpp.reach.test', delayMs: 2_000 },
      { type: 'A', name: 'xmpp.servfail.test', rcode: 'SERVFAIL' },
      { type: 'AAAA', name: 'xmpp.servfail.test', rcode: 'SERVFAIL' },
      { type: 'SRV', name: '_xmpp-server._tcp.dropsrv.test', drop: true },
      { type: 'SRV', name: '_xmpps-server._tcp.dropsrv.test', drop: true },
      // As a second resolver beside dnsmasq for closed.test: it never answers the SRV questions.
      { type: 'SRV', name: '_xmpp-server._tcp.closed.test', drop: true },
      { type: 'SRV', name: '_xmpps-server._tcp.closed.test', drop: true },
    ],
  )
}, 60_000)

afterAll(async () => {
  await Promise.all([dnsmasq?.stop(), scripted?.close(), prosody?.stop(), silentPeer?.close(), filtered?.close()])
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function probe(domain: string, server: string, extra: ProbeOptions = {}): Promise<DomainProbeReport> {
  return probeDomain(domain, { from: 'probe.test', dnsServers: [server], caFiles: [pki.caFile], stepTimeoutMs: 2_000, ...extra })
}

function judged(report: DomainProbeReport): Record<string, CheckResult> {
  return Object.fromEntries(evaluateProbeChecks([report], probeContext()).map((result) => [result.id, result]))
}

describe('DNS: only NXDOMAIN or NODATA from a resolver that answered is absence', () => {
  it('the issue: A/AAAA slower than the step limit is "unknown, the resolver did not answer within N ms", never "no A record"', async () => {
    const report = await probe('reach.test', scripted.server, { stepTimeoutMs: 500 })
    const checks = judged(report)
    const resolves = checks['s2s-target-resolves']
    expect(resolves).toMatchObject({ status: 'unknown', reason: 'target-lookup-cut' })
    expect(resolves?.summary.en).toBe(
      `The resolver ${scripted.server} did not answer for xmpp.reach.test within 500 ms (cut by the per-step limit (500 ms, --timeout)). That proves nothing about the record; the check could not be made.`,
    )
    expect(resolves?.summary['zh-TW']).toContain(`解析程式 ${scripted.server} 未在 500 毫秒內回應 xmpp.reach.test`)
    expect(resolves?.summary.en).not.toContain('No A or AAAA record')
    expect(resolves?.evidence[0]?.text).toMatch(/^xmpp\.reach\.test {2}A\/AAAA {2}no answer: ETIMEOUT \(no answer within \d+ ms\)$/)
    expect(report.targets[0]?.failure).toMatchObject({ step: 'dns', code: 'timeout' })
    expect(checks['s2s-port-reachable']?.status).toBe('unknown')
    // Nothing was connected to, so nothing "refused" the probe.
    expect(checks['s2s-stream-opens']?.summary.en).toBe(
      `No connection was made (see s2s-port-reachable): the per-step limit (500 ms, --timeout) cut the probe short at xmpp.reach.test:${prosody.port} (dns), which proves nothing about the server.`,
    )
  })

  it('the same domain with a step limit longer than the resolver needs: every check passes against the real Prosody', async () => {
    const checks = judged(await probe('reach.test', scripted.server, { stepTimeoutMs: 4_000 }))
    expect(Object.values(checks).map((c) => [c.id, c.status])).toEqual(Object.keys(checks).map((id) => [id, 'pass']))
  })

  it('SERVFAIL for the target: unknown, "answered SERVFAIL"', async () => {
    const resolves = judged(await probe('servfail.test', scripted.server))['s2s-target-resolves']
    expect(resolves?.status).toBe('unknown')
    expect(resolves?.summary.en).toContain(`The resolver ${scripted.server} answered SERVFAIL for xmpp.servfail.test: it could not get an answer itself.`)
  })

  it('REFUSED from a real dnsmasq: unknown, "refused to answer"', async () => {
    const report = await probe('refusedname.test', dnsmasq.server)
    expect(report.dns.addresses[0]?.queries?.map((q) => q.error?.code)).toEqual(['EREFUSED', 'EREFUSED'])
    const resolves = judged(report)['s2s-target-resolves']
    expect(resolves).toMatchObject({ status: 'unknown', reason: 'target-lookup-failed' })
    expect(resolves?.summary.en).toContain(`The resolver ${dnsmasq.server} refused to answer for xmpp.refusedname.example (REFUSED`)
  })

  it('NXDOMAIN from a real dnsmasq is absence: fail, "no A or AAAA record"', async () => {
    const resolves = judged(await probe('nx.test', dnsmasq.server))['s2s-target-resolves']
    expect(resolves).toMatchObject({ status: 'fail', reason: 'target-no-address' })
    expect(resolves?.summary.en).toBe('No A or AAAA record for missing.nx.test: nobody can connect.')
    expect(resolves?.evidence[0]?.text).toMatch(/^missing\.nx\.test {2}A\/AAAA {2}none: ENOTFOUND/)
  })

  it('SRV queries dropped: s2s-dns-srv is unknown and names the step limit', async () => {
    const report = await probe('dropsrv.test', scripted.server, { stepTimeoutMs: 300 })
    const srv = judged(report)['s2s-dns-srv']
    expect(srv).toMatchObject({ status: 'unknown', reason: 'srv-lookup-failed' })
    expect(srv?.summary.en).toMatch(
      new RegExp(`^The resolver ${scripted.server.replace(/\./g, '\\.')} did not answer for _xmpp-server\\._tcp\\.dropsrv\\.test within 300 ms \\(cut by the per-step limit \\(300 ms, --timeout\\)\\)`),
    )
  })

  it('a second resolver that does not answer is "could not be compared", not "resolvers disagree"', async () => {
    const report = await probe('closed.test', dnsmasq.server, { dnsServers: [dnsmasq.server, scripted.server], stepTimeoutMs: 800 })
    expect(report.alternateDns[0]?.srv.error?.code).toBe('ETIMEOUT')
    const srv = judged(report)['s2s-dns-srv']
    expect(srv).toMatchObject({ status: 'unknown', reason: 'srv-resolver-unanswered' })
    expect(srv?.summary.en).toBe(
      `_xmpp-server._tcp.closed.test points to xmpp.closed.test:${closedPort}, but the resolver ${scripted.server} did not answer for _xmpp-server._tcp.closed.test within 800 ms (cut by the per-step limit (800 ms, --timeout)), so the resolvers could not be compared.`,
    )
    expect(srv?.summary.en).not.toContain('disagree')
  })

  it('SRV queries cut by the whole-probe limit: unknown, naming --total-timeout; nothing falls back, nothing is blamed', async () => {
    const report = await probe('dropsrv.test', scripted.server, { stepTimeoutMs: 5_000, totalTimeoutMs: 300 })
    expect(report).toMatchObject({ timedOut: true, targets: [] })
    const checks = judged(report)
    expect(checks['s2s-dns-srv']?.status).toBe('unknown')
    expect(checks['s2s-dns-srv']?.summary.en).toContain('(cut by the whole-probe limit (300 ms, --total-timeout))')
    expect(checks['s2s-dns-srv']?.summary.en).not.toContain('tried')
    expect(checks['s2s-target-resolves']?.summary.en).toBe(
      'The probe of dropsrv.test ended before it reached a server: the whole-probe limit (300 ms, --total-timeout) cut it short, which proves nothing about the domain.',
    )
    expect(Object.values(checks).filter((c) => c.status === 'fail')).toEqual([])
  })
})

describe('TCP: refused is an answer, filtered is not', () => {
  it('a closed port answers with a reset: fail, "refused"', async () => {
    const port = judged(await probe('closed.test', dnsmasq.server))['s2s-port-reachable']
    expect(port).toMatchObject({ status: 'fail', reason: 'connect-refused' })
    expect(port?.summary.en).toContain(`xmpp.closed.test:${closedPort}: refused: the host answered with a TCP reset`)
  })

  it('a listener that never accepts (SYN dropped): unknown, "filtered", naming the step limit', async () => {
    const report = await probe('filtered.test', dnsmasq.server, { stepTimeoutMs: 800 })
    expect(report.targets[0]?.failure).toMatchObject({ step: 'connect', code: 'timeout' })
    const port = judged(report)['s2s-port-reachable']
    expect(port).toMatchObject({ status: 'unknown', reason: 'connect-timeout' })
    expect(port?.summary.en).toContain(
      `xmpp.filtered.test:${filtered.port}: filtered: no answer to the connection request within 800 ms (cut by the per-step limit (800 ms, --timeout))`,
    )
    expect(port?.summary['zh-TW']).toContain('已過濾')
  })

  it('the whole-probe limit during the connect: unknown, naming --total-timeout', async () => {
    const report = await probe('filtered.test', dnsmasq.server, { stepTimeoutMs: 5_000, totalTimeoutMs: 1_000 })
    expect(report.targets[0]?.failure).toMatchObject({ step: 'connect', code: 'total-timeout' })
    const port = judged(report)['s2s-port-reachable']
    expect(port?.status).toBe('unknown')
    expect(port?.summary.en).toContain('not finished: the whole-probe limit (1000 ms, --total-timeout) cut the connection attempt short')
  })
})

describe('the stream: a limit is not the peer\'s answer', () => {
  it('a server that accepts and never speaks, cut by the step limit: unknown, and every later check names the limit', async () => {
    const checks = judged(await probe('silent.test', dnsmasq.server, { stepTimeoutMs: 800 }))
    expect(checks['s2s-port-reachable']?.status).toBe('pass')
    expect(checks['s2s-stream-opens']).toMatchObject({ status: 'unknown', reason: 'stream-timeout' })
    expect(checks['s2s-stream-opens']?.summary.en).toContain('no XMPP stream header arrived within 800 ms (cut by the per-step limit (800 ms, --timeout))')
    for (const id of ['s2s-starttls-offered', 's2s-certificate-names', 's2s-auth-available']) {
      expect(checks[id]?.status).toBe('unknown')
      expect(checks[id]?.summary.en).toContain(`the per-step limit (800 ms, --timeout) cut the probe short at xmpp.silent.test:${silentPeer.port} (stream-open)`)
    }
  })
})

describe('the probe command', () => {
  it('prints "did not answer within" with the resolver, never "No A or AAAA record", and exits 1 (not verified)', async () => {
    let stdout = ''
    const code = await runProbeCommand(
      ['reach.test', '--dns-server', scripted.server, '--ca-file', pki.caFile, '--timeout', '500ms', '--from', 'probe.test'],
      { stdout: (s) => (stdout += s), stderr: () => undefined },
      {},
    )
    expect(code).toBe(1)
    expect(stdout).toContain(`[?] SRV targets resolve (live) — The resolver ${scripted.server} did not answer for xmpp.reach.test within 500 ms`)
    expect(stdout).not.toContain('No A or AAAA record')
  })
})
