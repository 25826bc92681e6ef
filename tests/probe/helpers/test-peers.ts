/**
 * XMPP peers written in the tests: a minimal well-behaved S2S responder (plain or direct TLS) and the
 * hostile ones. All listen on 127.0.0.0/8 only and record what they sent, so tests can bound memory.
 */
import net from 'node:net'
import tls from 'node:tls'

export interface TestPeer {
  readonly port: number
  /** Bytes the peer wrote (or tried to write) in total. */
  readonly bytesSent: () => number
  close(): Promise<void>
}

export type PeerBehaviour = (socket: net.Socket, count: (bytes: number) => void) => void

const STREAM_HEADER = (from: string) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' from='${from}' id='test-1' version='1.0'>`

/** Starts a TCP (or TLS) server whose every connection gets `behaviour`. */
export async function startPeer(
  behaviour: PeerBehaviour,
  options: { host?: string; port?: number; tls?: tls.TlsOptions } = {},
): Promise<TestPeer> {
  let sent = 0
  const sockets = new Set<net.Socket>()
  const onSocket = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    behaviour(socket, (bytes) => (sent += bytes))
  }
  const server = options.tls ? tls.createServer(options.tls, onSocket) : net.createServer(onSocket)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no address')
  return {
    port: address.port,
    bytesSent: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Answers a stream header with its own header and <stream:features> offering dialback only (no TLS). */
export function plainXmppResponder(domain: string): PeerBehaviour {
  return (socket, count) => {
    let buffer = ''
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      if (buffer.includes('<stream:stream')) {
        buffer = ''
        const reply = `${STREAM_HEADER(domain)}<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>`
        count(reply.length)
        socket.write(reply)
      }
    })
  }
}

/** The first line of a peer: a valid stream header, for hostile peers that misbehave after it. */
export function streamHeaderFrom(domain: string): string {
  return STREAM_HEADER(domain)
}

/** Writes as fast as the socket drains until it closes (each call of `next` gives the next chunk). */
export function writeForever(socket: net.Socket, count: (bytes: number) => void, next: () => string | Buffer): void {
  const pump = (): void => {
    while (!socket.destroyed) {
      const chunk = next()
      count(chunk.length)
      if (!socket.write(chunk)) {
        socket.once('drain', pump)
        return
      }
    }
  }
  pump()
}

/**
 * A loopback DNS server that answers every query with NXDOMAIN at once, so probes aimed at test peers
 * never ask the system resolver (tests talk to 127.0.0.0/8 only).
 */
export async function startNxdomainResolver(): Promise<{ readonly server: string; close(): void }> {
  const { createSocket } = await import('node:dgram')
  const socket = createSocket('udp4')
  socket.on('message', (query, remote) => {
    if (query.length < 12) return
    const answer = Buffer.from(query)
    answer[2] = ((query[2] ?? 0) | 0x80) & 0xfb // QR = response, AA off
    answer[3] = 0x83 // RA, RCODE 3 = NXDOMAIN
    answer.writeUInt16BE(0, 6) // ANCOUNT
    answer.writeUInt16BE(0, 8) // NSCOUNT
    answer.writeUInt16BE(0, 10) // ARCOUNT
    socket.send(answer, remote.port, remote.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()))
  return { server: `127.0.0.1:${socket.address().port}`, close: () => socket.close() }
}
