/**
 * Hostile peers: each must end within its bound (a correctness bound, not a speed benchmark) with a
 * clear finding, reading no more than the byte budget. Peers are small servers on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { probeDomain, type ProbeOptions } from '../../src-main/probe/probe-domain'
import { evaluateProbeChecks } from '../../src-shared/diagnostics/checks/probe-checks'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { probeContext } from './helpers/probe-context'
import { startNxdomainResolver, startPeer, streamHeaderFrom, writeForever, type PeerBehaviour, type TestPeer } from './helpers/test-peers'

const STEP_MS = 500
const MAX_BYTES = 256 * 1024
/** A socket hands over at most this much per 'data' event, so the probe may hold one chunk past its budget. */
const ONE_CHUNK = 64 * 1024
const peers: TestPeer[] = []
let resolver: Awaited<ReturnType<typeof startNxdomainResolver>>

beforeAll(async () => {
  resolver = await startNxdomainResolver()
})
afterAll(() => resolver?.close())

afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()))
})

/**
 * Probes a hostile peer. That each probe ends within its bound is shown by how it ended (the step that timed out,
 * the byte budget that stopped it), never by a wall-clock assertion, which a loaded machine would break.
 */
async function probeHostile(behaviour: PeerBehaviour, options: ProbeOptions = {}): Promise<{ report: DomainProbeReport; peer: TestPeer }> {
  const peer = await startPeer(behaviour)
  peers.push(peer)
  const report = await probeDomain('hostile.test', {
    connect: { host: '127.0.0.1', port: peer.port },
    dnsServers: [resolver.server],
    stepTimeoutMs: STEP_MS,
    maxBytesPerConnection: MAX_BYTES,
    ...options,
  })
  return { report, peer }
}

function streamCheck(report: DomainProbeReport): CheckResult {
  const found = evaluateProbeChecks([report], probeContext()).find((r) => r.id === 's2s-stream-opens')
  if (!found) throw new Error('no s2s-stream-opens result')
  return found
}

const onFirstData = (socket: import('node:net').Socket, handler: (text: string) => void): void => {
  let buffer = ''
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    handler(buffer)
  })
}

describe('hostile peers end within their bound', () => {
  it('accepts and never speaks: the stream-open step times out', async () => {
    const { report } = await probeHostile(() => undefined)
    // The SRV question went to the loopback resolver, never to the system's.
    expect(report.dns).toMatchObject({ resolver: resolver.server, srv: { error: { code: 'ENOTFOUND' } } })
    expect(report.targets[0]?.failure).toMatchObject({ step: 'stream-open', code: 'timeout' })
    const stream = streamCheck(report)
    // A limit proves nothing on its own: not verified, and the summary names the step's limit.
    expect(stream).toMatchObject({ status: 'unknown', reason: 'stream-timeout' })
    expect(stream.summary.en).toContain('no XMPP stream header arrived within 500 ms (cut by the per-step limit (500 ms, --timeout))')
  })

  it('an endless stream of elements at full speed: stopped by the byte budget', async () => {
    const { report } = await probeHostile((socket, count) => {
      socket.write(streamHeaderFrom('hostile.test'))
      writeForever(socket, count, () => '<a/>'.repeat(1024))
    })
    const target = report.targets[0]
    expect(target?.failure).toMatchObject({ step: 'features', code: 'byte-limit' })
    expect(target?.bytesRead).toBeGreaterThan(MAX_BYTES)
    expect(target?.bytesRead).toBeLessThanOrEqual(MAX_BYTES + ONE_CHUNK)
    expect(streamCheck(report).reason).toBe('stream-byte-limit')
  })

  it('an endless slow drip of elements: the features step has one deadline, not one per element', async () => {
    const { report } = await probeHostile((socket) => {
      socket.write(streamHeaderFrom('hostile.test'))
      const timer = setInterval(() => socket.write('<ping/>'), 20)
      socket.on('close', () => clearInterval(timer))
    })
    expect(report.targets[0]?.failure).toMatchObject({ step: 'features', code: 'timeout' })
  })

  it('an XML entity bomb: rejected at the DOCTYPE, nothing expanded', async () => {
    const entities = ['<!ENTITY a0 "ha">']
    for (let i = 1; i < 10; i++) entities.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`)
    const bomb =
      `<?xml version='1.0'?><!DOCTYPE stream:stream [${entities.join('')}]>` +
      `<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>&a9;`
    const { report } = await probeHostile((socket) => socket.write(bomb))
    const target = report.targets[0]
    expect(target?.failure).toMatchObject({ step: 'stream-open', code: 'xml-restricted' })
    expect(target?.bytesRead).toBeLessThan(2_000)
    const stream = streamCheck(report)
    expect(stream.reason).toBe('stream-xml-restricted')
    expect(stream.summary.en).toContain('DOCTYPE')
  })

  it('a 10 MB line: the probe stops reading at its budget', async () => {
    const line = Buffer.alloc(10 * 1024 * 1024, 'A')
    const { report, peer } = await probeHostile((socket, count) => {
      socket.write(`${streamHeaderFrom('hostile.test')}<stream:features><x>`)
      count(line.length)
      socket.write(line)
    })
    expect(peer.bytesSent()).toBeGreaterThanOrEqual(10 * 1024 * 1024)
    const target = report.targets[0]
    expect(target?.failure).toMatchObject({ step: 'features', code: 'byte-limit' })
    expect(target?.bytesRead).toBeLessThanOrEqual(MAX_BYTES + ONE_CHUNK)
  })

  it('closes mid-TLS: after <proceed/> it drops the connection during the handshake', async () => {
    const { report } = await probeHostile((socket) => {
      let stage = 0
      onFirstData(socket, (received) => {
        if (stage === 0 && received.includes('<stream:stream')) {
          stage = 1
          socket.write(`${streamHeaderFrom('hostile.test')}<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>`)
        } else if (stage === 1 && received.includes('<starttls')) {
          stage = 2
          socket.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        } else if (stage === 2 && received.length > 0) {
          // The ClientHello arrived: answer with a few bytes of nothing and hang up.
          stage = 3
          socket.end(Buffer.from([0x16, 0x03, 0x03, 0x00]))
        }
      })
    })
    const target = report.targets[0]
    expect(target?.starttls).toBe('proceed')
    expect(target?.failure?.step).toBe('tls-handshake')
    expect(['tls-failed', 'reset', 'closed']).toContain(target?.failure?.code)
    const starttls = evaluateProbeChecks([report], probeContext()).find((r) => r.id === 's2s-starttls-offered')
    expect(starttls).toMatchObject({ status: 'fail', reason: 'tls-handshake-failed' })
  })

  it('the whole-probe hard bound cuts a slow peer short even when each step would allow more', async () => {
    const { report } = await probeHostile(
      (socket) => {
        socket.write(streamHeaderFrom('hostile.test'))
        const timer = setInterval(() => socket.write('<ping/>'), 20)
        socket.on('close', () => clearInterval(timer))
      },
      { stepTimeoutMs: 10_000, totalTimeoutMs: 700 },
    )
    expect(report.timedOut).toBe(true)
    expect(report.targets[0]?.failure).toMatchObject({ step: 'features', code: 'total-timeout' })
    // The whole probe's limit cut the step: the check says so and does not blame the peer with the step's 10000 ms.
    const stream = streamCheck(report)
    expect(stream).toMatchObject({ status: 'unknown', reason: 'stream-total-timeout' })
    expect(stream.summary.en).toContain('the whole-probe limit (700 ms, --total-timeout) ended the probe while it waited for the stream features')
    expect(stream.summary.en).not.toContain('10000 ms')
    expect(stream.summary['zh-TW']).toContain('整體探測的時間上限（700 毫秒，--total-timeout）')
  })

  it('a stream error is reported by its name with the text the server gave', async () => {
    const { report } = await probeHostile((socket) => {
      onFirstData(socket, () =>
        socket.end(
          `${streamHeaderFrom('hostile.test')}<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>` +
            `<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Encrypted server-to-server communication is required</text></stream:error></stream:stream>`,
        ),
      )
    })
    expect(report.targets[0]?.streamError).toEqual({
      condition: 'policy-violation',
      text: 'Encrypted server-to-server communication is required',
      step: 'features',
    })
    const stream = streamCheck(report)
    expect(stream.reason).toBe('stream-error-policy-violation')
    expect(stream.summary.en).toContain('"Encrypted server-to-server communication is required"')
  })

  it('something that is not XMPP (an HTTP server) is named as such', async () => {
    const { report } = await probeHostile((socket) => {
      onFirstData(socket, () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))
    })
    expect(report.targets[0]?.failure).toMatchObject({ step: 'stream-open', code: 'xml-invalid' })
    expect(streamCheck(report).summary.en).toContain('not an XMPP stream')
  })
})
