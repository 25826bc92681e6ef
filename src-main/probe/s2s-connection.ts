/**
 * One TCP (or TLS) connection speaking the XMPP S2S stream: sends the stream header, hands every
 * parsed event to whoever waits for it, upgrades to TLS after <proceed/>, and stops reading once the
 * peer has sent more than the byte budget. Nothing here waits without a timeout.
 */
import net from 'node:net'
import { StringDecoder } from 'node:string_decoder'
import tls from 'node:tls'
import { abortFailure, describeError, stepFailure, waitForSocketEvent } from './socket-waits'
import { XmppStreamReader, type XmlStreamEvent } from './xmpp-stream-reader'
import type { ProbeStep } from '../../src-shared/probe/probe-types'

export type ConnectionEvent =
  | XmlStreamEvent
  | { readonly kind: 'closed' }
  | { readonly kind: 'socket-error'; readonly message: string }
  | { readonly kind: 'byte-limit' }

/** TLS settings shared by STARTTLS and direct TLS. */
export interface ProbeTlsSettings {
  /** The SNI name: the XMPP domain. */
  readonly servername: string
  /** Built once per probe run: Node's bundled roots plus the user's extra CA files (parsing ~140 roots per connection costs ~25 ms). */
  readonly secureContext: tls.SecureContext
  readonly alpn?: readonly string[]
  /** The local address to connect from (--source), for direct TLS; STARTTLS upgrades a socket already bound. */
  readonly localAddress?: string | null
}

/** Opens a plain TCP connection to address:port within `timeoutMs`, from `localAddress` when given (--source). */
export async function openTcpConnection(
  address: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
  localAddress: string | null = null,
): Promise<net.Socket> {
  const socket = net.connect({ host: address, port, noDelay: true, ...(localAddress ? { localAddress } : {}) })
  await waitForSocketEvent(socket, 'connect', 'connect', timeoutMs, signal)
  return socket
}

/** Opens TLS directly (XEP-0368): TCP connect then handshake, each with its own timeout. */
export async function openDirectTlsConnection(
  address: string,
  port: number,
  settings: ProbeTlsSettings,
  timeoutMs: number,
  signal: AbortSignal,
  onConnected: () => void,
): Promise<SecuredSocket> {
  const seen = new PeerCertificateHolder()
  const from = settings.localAddress ? { localAddress: settings.localAddress } : {}
  const socket = tls.connect({ host: address, port, ...from, ...tlsOptions(settings, seen) })
  // As for the plain socket: small request/answer writes must not wait for the peer's delayed ACK (Nagle).
  socket.setNoDelay(true)
  await waitForSocketEvent(socket, 'connect', 'connect', timeoutMs, signal)
  onConnected()
  await waitForSocketEvent(socket, 'secureConnect', 'tls-handshake', timeoutMs, signal, 'tls-failed')
  return { socket, peerCertificate: seen.certificate }
}

/** A TLS socket after its handshake, with the detailed chain Node read while verifying it (null when it did not get that far). */
export interface SecuredSocket {
  readonly socket: tls.TLSSocket
  readonly peerCertificate: tls.DetailedPeerCertificate | null
}

/**
 * Keeps the detailed chain Node builds for checkServerIdentity. When the chain verifies, Node calls
 * getPeerCertificate(true) itself (~0.2 ms: every certificate of the chain turned into an object);
 * keeping its result spares a second, identical call. When it does not verify, Node skips the call
 * and describeTls makes it.
 */
class PeerCertificateHolder {
  certificate: tls.DetailedPeerCertificate | null = null
}

/** The node:tls options for a probe: verify the chain but judge names ourselves (RFC 6125, not Node's host rules). */
function tlsOptions(settings: ProbeTlsSettings, seen: PeerCertificateHolder): tls.ConnectionOptions {
  return {
    servername: settings.servername,
    secureContext: settings.secureContext,
    // Keep the connection even when the chain does not verify: the probe reports `authorized` and the reason.
    rejectUnauthorized: false,
    // Node's default check knows DNS-ID and CN only; XMPP also accepts SRV-ID and XmppAddr (certificate-identity.ts).
    checkServerIdentity: (_host, certificate) => {
      // Typed as PeerCertificate, but Node passes getPeerCertificate(true): the detailed chain.
      seen.certificate = certificate as tls.DetailedPeerCertificate
      return undefined
    },
    ...(settings.alpn ? { ALPNProtocols: [...settings.alpn] } : {}),
  }
}

/** An S2S stream over a socket, with a byte budget shared by the plain and the TLS phase. */
export class S2sConnection {
  private socket: net.Socket
  private reader: XmppStreamReader
  // StringDecoder keeps a multi-byte character split across chunks, like TextDecoder with { stream: true }, without an ICU converter per stream.
  private decoder = new StringDecoder('utf8')
  // A FIFO with a read index: a flood of small elements must not make each read O(n) (Array.shift).
  private queue: ConnectionEvent[] = []
  private queueHead = 0
  private waiter: ((event: ConnectionEvent) => void) | null = null
  private bytes = 0
  private overBudget = false
  private streamOpened = false

  constructor(
    socket: net.Socket,
    private readonly maxBytes: number,
  ) {
    this.socket = socket
    this.reader = this.newReader()
    this.attach(socket)
  }

  /** Bytes received from the peer so far (plain and TLS phases together). */
  get bytesRead(): number {
    return this.bytes
  }

  /** The current socket (a TLSSocket after {@link startTls}). */
  get currentSocket(): net.Socket {
    return this.socket
  }

  /** Writes text to the peer; errors surface as events, never as throws. Nothing is written once the stream is closed. */
  send(data: string): void {
    // `writable` is false after end() too: a keepalive deferred past close() would otherwise be a
    // write-after-end error that destroys the socket before the polite close is flushed.
    if (this.socket.writable) this.socket.write(data)
  }

  /** Sends our stream header (the first thing on a new or restarted stream). */
  openStream(header: string): void {
    this.send(header)
    this.streamOpened = true
  }

  /** Starts a fresh parser: after TLS the stream restarts with a new header (RFC 6120 §5.4.3.3). */
  restartStream(): void {
    this.reader = this.newReader()
    this.decoder = new StringDecoder('utf8')
    this.streamOpened = false
  }

  /** The next event, or a step failure on timeout / abort. Events that arrived earlier are returned first. */
  next(step: ProbeStep, timeoutMs: number, signal: AbortSignal): Promise<ConnectionEvent> {
    const queued = this.dequeue()
    if (queued) return Promise.resolve(queued)
    if (signal.aborted) return Promise.reject(abortFailure(step, signal))
    return new Promise<ConnectionEvent>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.waiter = null
      }
      const onAbort = (): void => {
        finish()
        this.destroy()
        reject(abortFailure(step, signal))
      }
      const timer = setTimeout(() => {
        finish()
        this.destroy()
        reject(stepFailure(step, 'timeout', `no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiter = (event) => {
        finish()
        resolve(event)
      }
    })
  }

  /** Hands the socket to TLS after <proceed/> and waits for the handshake. */
  async startTls(settings: ProbeTlsSettings, timeoutMs: number, signal: AbortSignal): Promise<SecuredSocket> {
    const plain = this.socket
    this.detach(plain)
    // TLS now owns the socket and reports its errors; this keeps a late plain-socket error from being unhandled.
    plain.on('error', () => undefined)
    const seen = new PeerCertificateHolder()
    const secure = tls.connect({ socket: plain, ...tlsOptions(settings, seen) })
    this.socket = secure
    this.restartStream()
    try {
      await waitForSocketEvent(secure, 'secureConnect', 'tls-handshake', timeoutMs, signal, 'tls-failed')
    } catch (error) {
      plain.destroy()
      throw error
    }
    this.attach(secure)
    return { socket: secure, peerCertificate: seen.certificate }
  }

  /** Ends the stream politely and closes the socket without waiting for the peer. */
  close(): void {
    if (!this.socket.destroyed) {
      // Nobody reads events any more: the peer's own closing tag need not be decoded and parsed. A late socket
      // error must still have a listener, or it would be thrown as an unhandled 'error' event.
      this.detach(this.socket)
      this.socket.on('error', () => undefined)
      this.socket.end('</stream:stream>')
      // Do not wait for the peer's close: a hostile peer may never send it.
      setTimeout(() => this.socket.destroy(), 200).unref()
    }
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.socket.destroy()
  }

  private newReader(): XmppStreamReader {
    return new XmppStreamReader((event) => this.push(event))
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.overBudget) return
    this.bytes += chunk.length
    if (this.bytes > this.maxBytes) {
      this.overBudget = true
      this.socket.destroy()
      this.push({ kind: 'byte-limit' })
      return
    }
    this.reader.write(this.decoder.write(chunk))
  }

  private readonly onError = (error: unknown): void => {
    this.push({ kind: 'socket-error', message: describeError(error) })
  }

  private readonly onClose = (): void => {
    this.push({ kind: 'closed' })
  }

  /**
   * A TLS 1.3 server sends its session tickets right after the handshake, in separate small writes.
   * With Nagle on the server (Prosody's default) the second ticket and the answer to our stream header
   * wait for our ACK of the first, which a delayed ACK holds back ~40 ms. One whitespace keepalive
   * (legal between stream elements, RFC 6120 §4.6.1) carries that ACK at once. Deferred with
   * setImmediate because a write from inside the ticket callback is not flushed until the next read.
   */
  private readonly onSessionTicket = (): void => {
    if (!this.streamOpened) return
    setImmediate(() => this.send(' '))
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData)
    socket.on('error', this.onError)
    socket.on('close', this.onClose)
    socket.on('session', this.onSessionTicket)
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData)
    socket.off('error', this.onError)
    socket.off('close', this.onClose)
    socket.off('session', this.onSessionTicket)
  }

  private push(event: ConnectionEvent): void {
    const waiter = this.waiter
    if (waiter) waiter(event)
    else this.queue.push(event)
  }

  private dequeue(): ConnectionEvent | undefined {
    if (this.queueHead >= this.queue.length) return undefined
    const event = this.queue[this.queueHead++]
    if (this.queueHead === this.queue.length) {
      this.queue = []
      this.queueHead = 0
    }
    return event
  }
}
