/**
 * `--source <ip>`: on an Edge, partners see our outbound connections from the Access Edge external
 * interface, so the probe can bind every socket there. On loopback, 127.0.0.2 stands for that interface:
 * the peer and the resolver both see the probe come from it, and the report says where it spoke from.
 */
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProbeCommand } from '../../src-main/cli/commands/probe-command'
import { probeDomain, ProbeOptionsError } from '../../src-main/probe/probe-domain'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import { probeContext } from './helpers/probe-context'
import { startScriptedDns, type RunningScriptedDns } from './helpers/scripted-dns-server'
import { plainXmppResponder, startPeer, type TestPeer } from './helpers/test-peers'

let peer: TestPeer
let dns: RunningScriptedDns
/** The remote address of every connection the peer accepted. */
const seenFrom: string[] = []

beforeAll(async () => {
  const respond = plainXmppResponder('source.test')
  peer = await startPeer((socket: Socket, count) => {
    seenFrom.push(socket.remoteAddress ?? '')
    respond(socket, count)
  })
  dns = await startScriptedDns({
    '_xmpp-server._tcp.source.test': { srv: [{ target: 'xmpp.source.test', port: peer.port, priority: 0, weight: 0 }] },
    'xmpp.source.test': { a: ['127.0.0.1'] },
    '_xmpp-server._tcp.v6only.test': { srv: [{ target: 'xmpp.v6only.test', port: peer.port, priority: 0, weight: 0 }] },
    'xmpp.v6only.test': { aaaa: ['::1'] },
  })
}, 30_000)

afterAll(async () => {
  await Promise.all([peer?.close(), dns?.close()])
})

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runProbeCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, {})
  return { code, stdout, stderr }
}

describe('--source binds the probe to a local address', () => {
  it('the peer and the resolver see the probe come from 127.0.0.2, and the report says so', async () => {
    seenFrom.length = 0
    const report = await probeDomain('source.test', { dnsServers: [dns.server], stepTimeoutMs: 2_000, sourceAddress: '127.0.0.2' })
    expect(seenFrom).toEqual(['127.0.0.2'])
    expect(new Set(dns.queries().filter((q) => q.name.endsWith('source.test')).map((q) => q.from))).toEqual(new Set(['127.0.0.2']))
    expect(report.sourceAddress).toBe('127.0.0.2')
    expect(report.targets[0]?.connectAttempts).toEqual([expect.objectContaining({ address: '127.0.0.1', localAddress: '127.0.0.2', ok: true })])
    const port = evaluateProbeChecks([report], probeContext()).find((c) => c.id === 's2s-port-reachable')
    expect(port?.status).toBe('pass')
    expect(port?.evidence.map((e) => e.text)).toEqual([
      'the probe spoke from 127.0.0.2 (--source)',
      expect.stringMatching(new RegExp(`^xmpp\\.source\\.test:${peer.port} via 127\\.0\\.0\\.1: TCP connected in \\d+ ms from 127\\.0\\.0\\.2$`)),
    ])
  })

  it('without --source the report says the operating system chose', async () => {
    const report = await probeDomain('source.test', { dnsServers: [dns.server], stepTimeoutMs: 2_000 })
    expect(report.sourceAddress).toBeNull()
    const port = evaluateProbeChecks([report], probeContext()).find((c) => c.id === 's2s-port-reachable')
    expect(port?.evidence[0]?.text).toBe('the probe spoke from this machine, through the interface the operating system chose (no --source)')
  })

  it('an IPv4 source does not try an IPv6 address, and says why', async () => {
    const report = await probeDomain('v6only.test', { dnsServers: [dns.server], stepTimeoutMs: 2_000, sourceAddress: '127.0.0.2' })
    expect(report.targets[0]?.connectAttempts).toEqual([
      {
        address: '::1',
        ok: false,
        ms: 0,
        error: { step: 'connect', code: 'unreachable', message: 'not tried: the source address 127.0.0.2 (--source) is IPv4, this address is not' },
      },
    ])
  })

  it('the command: the human report names the source; an address this machine does not hold is refused before any traffic (exit 2)', async () => {
    const ok = await cli(['source.test', '--dns-server', dns.server, '--source', '127.0.0.2', '--timeout', '2s'])
    expect(ok.code).toBe(1) // the plain test peer offers no STARTTLS
    expect(ok.stdout.split('\n')[0]).toContain('spoke from 127.0.0.2')
    const zh = await cli(['source.test', '--dns-server', dns.server, '--timeout', '2s', '--lang', 'zh-TW'])
    expect(zh.stdout.split('\n')[0]).toContain('探測來源位址：本機（未指定 --source）')
    const before = dns.queries().length
    // 192.0.2.1 (TEST-NET-1) is nobody's address here.
    const foreign = await cli(['source.test', '--dns-server', dns.server, '--source', '192.0.2.1'])
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toContain('--source: 192.0.2.1 is not an address of this machine')
    expect(foreign.stderr).toContain('Access Edge external IP')
    const name = await cli(['source.test', '--dns-server', dns.server, '--source', 'edge.contoso.com', '--lang', 'zh-TW'])
    expect(name.code).toBe(2)
    expect(name.stderr).toContain('--source："edge.contoso.com" 不是 IP 位址')
    expect(dns.queries().length).toBe(before)
    await expect(probeDomain('source.test', { sourceAddress: '192.0.2.1' })).rejects.toThrow(ProbeOptionsError)
  })

  it('--partners-from Edge evidence without --source offers the Access Edge external IP netstat shows', async () => {
    const offered = await cli(['--partners-from', 'tests/scenarios/healthy-edge', '--dns-server', dns.server, '--timeout', '500ms', '--json'])
    expect(offered.stderr).toContain('xmpp-edge-doctor probe: the evidence shows the Access Edge external interface at 203.0.113.10')
    expect(offered.stderr).toContain('add --source 203.0.113.10 to probe from it')
    const given = await cli(['--partners-from', 'tests/scenarios/healthy-edge', '--dns-server', dns.server, '--timeout', '500ms', '--json', '--source', '127.0.0.2'])
    expect(given.stderr).toBe('')
    expect((JSON.parse(given.stdout) as { probes: { sourceAddress: string }[] }).probes.every((p) => p.sourceAddress === '127.0.0.2')).toBe(true)
  })
})
