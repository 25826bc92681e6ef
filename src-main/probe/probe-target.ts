/**
 * Probes one host:port the way a federating server would: connect, open an S2S stream, read the
 * header and features, STARTTLS (or direct TLS), inspect the certificate, restart the stream and read
 * the features again. Never sends a stanza; authenticates (SASL EXTERNAL) only with a client certificate the
 * user gave, to see whether the partner accepts it. Each step has its own timeout;
 * the caller's abort signal is the whole probe's hard bound.
 */
import { isIP } from 'node:net'
import type { ProbeTrust } from './probe-trust'
import { openDirectTlsConnection, openTcpConnection, S2sConnection, type ProbeTlsSettings, type SecuredSocket } from './s2s-connection'
import { ProbeStepFailure, stepFailure } from './socket-waits'
import { ipv4First, waitForLateAddresses, type TargetAddresses } from './target-addresses'
import { describeCertificate, describeTls } from './tls-details'
import { readFeatures, readStreamError, readStreamHeader, SASL_NS, STARTTLS_NS } from './stream-elements'
import type { PlannedTarget } from '../../src-shared/probe/srv-order'
import { dnsFailureBound, isAbsence } from '../../src-shared/probe/probe-bounds'
import type {
  DnsFailure,
  ProbeConnectAttempt,
  ProbeSaslExternal,
  ProbeStep,
  ProbeStepError,
  ProbeStepTiming,
  ProbeStreamError,
  ProbeStreamFeatures,
  ProbeStreamHeader,
  ProbeTargetReport,
  ProbeTls,
  StarttlsOutcome,
} from '../../src-shared/probe/probe-types'

/** What a target probe needs besides the target. */
export interface TargetProbeSettings {
  readonly domain: string
  readonly from: string | null
  readonly stepTimeoutMs: number
  readonly maxBytes: number
  readonly trust: ProbeTrust
  readonly extraCaFiles: readonly string[]
  readonly signal: AbortSignal
  /** The local address every socket is bound to (--source); null: the operating system chooses. */
  readonly sourceAddress: string | null
  /** True when the trust's context presents a client certificate: SASL EXTERNAL is then tried after TLS. */
  readonly presentsClientCertificate?: boolean
}

/** The mutable record a probe fills in step by step, so a cut-short probe still reports what it saw. */
interface TargetDraft {
  connectAttempts: ProbeConnectAttempt[]
  connectedAddress: string | null
  streamHeader: ProbeStreamHeader | null
  featuresBeforeTls: ProbeStreamFeatures | null
  starttls: StarttlsOutcome
  tls: ProbeTls | null
  featuresAfterTls: ProbeStreamFeatures | null
  streamError: ProbeStreamError | null
  saslExternal: ProbeSaslExternal | null
  failure: ProbeStepError | null
  steps: ProbeStepTiming[]
  /** The step running now, so an unexpected throw is charged to the right step. */
  currentStep: ProbeStep
}

/** The S2S stream header we send (RFC 6120 §4.7, XEP-0220 for the db namespace). */
export function buildStreamHeader(domain: string, from: string | null): string {
  const fromAttribute = from ? ` from='${escapeAttribute(from)}'` : ''
  return (
    `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'` +
    ` xmlns:db='jabber:server:dialback' to='${escapeAttribute(domain)}'${fromAttribute} version='1.0'>`
  )
}

/** Probes one target; always resolves (failures are part of the report). */
export async function probeTarget(
  target: PlannedTarget,
  addresses: TargetAddresses,
  settings: TargetProbeSettings,
): Promise<ProbeTargetReport> {
  const started = performance.now()
  let lateAddresses: readonly string[] = []
  void addresses.later.then((late) => (lateAddresses = late))
  const draft: TargetDraft = {
    connectAttempts: [],
    connectedAddress: null,
    streamHeader: null,
    featuresBeforeTls: null,
    starttls: 'not-attempted',
    tls: null,
    featuresAfterTls: null,
    streamError: null,
    saslExternal: null,
    failure: null,
    steps: [],
    currentStep: 'connect',
  }
  let bytesRead = 0
  if (addresses.first.length === 0) {
    draft.failure = noAddressFailure(target.host, addresses.dnsError ?? null)
  } else {
    let connection: S2sConnection | null = null
    try {
      const opened = await connect(target, addresses, settings, draft)
      connection = opened.connection
      await negotiate(connection, opened.secured, target, settings, draft)
    } catch (error) {
      draft.failure = toStepError(error, draft.currentStep)
    } finally {
      bytesRead = connection?.bytesRead ?? 0
      connection?.close()
    }
  }
  const { currentStep: _currentStep, ...seen } = draft
  return {
    host: target.host,
    port: target.port,
    transport: target.transport,
    source: target.source,
    priority: target.priority,
    weight: target.weight,
    addresses: ipv4First([...addresses.first, ...lateAddresses]),
    ...seen,
    bytesRead,
    ms: Math.round(performance.now() - started),
  }
}

/**
 * Tries each address in turn until one accepts; when none does, those of a DNS family that answered
 * late (waiting for its answer at most until its query's own timeout). A direct-TLS connection comes
 * back with its handshake done.
 */
async function connect(
  target: PlannedTarget,
  addresses: TargetAddresses,
  settings: TargetProbeSettings,
  draft: TargetDraft,
): Promise<OpenedConnection> {
  let lastError: unknown = null
  let round: readonly string[] = addresses.first
  for (let lateRound = false; ; lateRound = true) {
    for (const address of round) {
      const attempt = await connectTo(address, target, settings, draft)
      if ('opened' in attempt) return attempt.opened
      // Only a connect failure leaves another address worth trying.
      if (attempt.endsTarget) throw attempt.error
      lastError = attempt.error
    }
    if (lateRound) break
    round = await waitForLateAddresses(addresses.later, settings.signal)
  }
  throw lastError ?? stepFailure('connect', 'other', 'no address to connect to')
}

interface OpenedConnection {
  readonly connection: S2sConnection
  readonly secured: SecuredSocket | null
}

type ConnectAttempt = { readonly opened: OpenedConnection } | { readonly error: unknown; readonly endsTarget: boolean }

/** One connect attempt, recorded in the draft. */
async function connectTo(address: string, target: PlannedTarget, settings: TargetProbeSettings, draft: TargetDraft): Promise<ConnectAttempt> {
  const began = performance.now()
  const source = settings.sourceAddress
  if (source && isIP(source) !== isIP(address)) {
    // A socket bound to an IPv4 source cannot reach an IPv6 address (and the reverse): not tried, and said so.
    const error = stepFailure('connect', 'unreachable', `not tried: the source address ${source} (--source) is IPv${isIP(source)}, this address is not`)
    draft.connectAttempts.push({ address, ok: false, ms: 0, error: error.failure })
    return { error, endsTarget: false }
  }
  try {
    if (target.transport === 'direct-tls') {
      const secured = await openDirectTlsConnection(address, target.port, tlsSettings(settings, ['xmpp-server']), settings.stepTimeoutMs, settings.signal, () => {
        draft.connectAttempts.push({ address, localAddress: null, ok: true, ms: since(began), error: null })
        draft.steps.push({ step: 'connect', ms: since(began) })
        // TCP is up even if the handshake then fails: that is a TLS finding, not an unreachable port.
        draft.connectedAddress = address
      })
      draft.steps.push({ step: 'tls-handshake', ms: since(began) })
      draft.connectedAddress = address
      recordLocalAddress(draft, secured.socket.localAddress)
      return { opened: { connection: new S2sConnection(secured.socket, settings.maxBytes), secured } }
    }
    const socket = await openTcpConnection(address, target.port, settings.stepTimeoutMs, settings.signal, source)
    draft.connectAttempts.push({ address, localAddress: socket.localAddress ?? null, ok: true, ms: since(began), error: null })
    draft.steps.push({ step: 'connect', ms: since(began) })
    draft.connectedAddress = address
    return { opened: { connection: new S2sConnection(socket, settings.maxBytes), secured: null } }
  } catch (error) {
    const failure = toStepError(error, 'connect')
    // A direct-TLS attempt that connected but failed the handshake is already recorded as connected.
    if (failure.step === 'connect') draft.connectAttempts.push({ address, ok: false, ms: since(began), error: failure })
    return { error, endsTarget: failure.step !== 'connect' || failure.code === 'total-timeout' }
  }
}

async function negotiate(
  connection: S2sConnection,
  directTls: SecuredSocket | null,
  target: PlannedTarget,
  settings: TargetProbeSettings,
  draft: TargetDraft,
): Promise<void> {
  const header = buildStreamHeader(settings.domain, settings.from)
  const opened = performance.now()
  connection.openStream(header)
  // The certificate is read while the peer answers the header: the same work, off the critical path.
  if (directTls) draft.tls = describeSecured(directTls, settings)
  draft.streamHeader = await timed(draft, 'stream-open', () => expectHeader(connection, 'stream-open', settings, draft), opened)
  const features = await timed(draft, 'features', () => expectFeatures(connection, 'features', settings, draft))
  if (target.transport === 'direct-tls') {
    draft.featuresAfterTls = features
    if (settings.presentsClientCertificate) draft.saslExternal = await saslExternal(connection, features, settings, draft)
    return
  }
  draft.featuresBeforeTls = features
  if (!features.starttls) {
    draft.starttls = 'not-offered'
    return
  }
  connection.send(`<starttls xmlns='${STARTTLS_NS}'/>`)
  draft.starttls = await timed(draft, 'starttls', () => expectProceed(connection, settings, draft))
  if (draft.starttls !== 'proceed') {
    throw stepFailure('starttls', 'starttls-failure', 'the server answered <starttls/> with <failure/>')
  }
  const secured = await timed(draft, 'tls-handshake', () =>
    connection.startTls(tlsSettings(settings), settings.stepTimeoutMs, settings.signal),
  )
  // Restart first (RFC 6120 §5.4.3.3), then read the certificate while the peer answers: one round trip
  // overlaps the certificate work instead of following it. Nothing is authenticated either way.
  const restarted = performance.now()
  connection.openStream(header)
  draft.tls = describeSecured(secured, settings)
  await timed(draft, 'stream-restart', () => expectHeader(connection, 'stream-restart', settings, draft), restarted)
  draft.featuresAfterTls = await timed(draft, 'features-after-tls', () =>
    expectFeatures(connection, 'features-after-tls', settings, draft),
  )
  if (settings.presentsClientCertificate) draft.saslExternal = await saslExternal(connection, draft.featuresAfterTls, settings, draft)
}

/**
 * SASL EXTERNAL with the client certificate (RFC 6120 §6.4, XEP-0178 §3): the authorization identity is our
 * domain, base64 encoded. Only <success/> or <failure/> is read; after <success/> the stream would restart,
 * but the probe has its answer and closes. Nothing else is authenticated and no stanza is sent.
 */
async function saslExternal(
  connection: S2sConnection,
  features: ProbeStreamFeatures,
  settings: TargetProbeSettings,
  draft: TargetDraft,
): Promise<ProbeSaslExternal> {
  if (!settings.from) {
    return { outcome: 'not-attempted', condition: null, text: null, detail: "no 'from' domain: SASL EXTERNAL authenticates as our domain (give --from)" }
  }
  if (!features.saslMechanisms.includes('EXTERNAL')) return { outcome: 'not-offered', condition: null, text: null, detail: null }
  connection.send(`<auth xmlns='${SASL_NS}' mechanism='EXTERNAL'>${Buffer.from(settings.from, 'utf8').toString('base64')}</auth>`)
  return timed(draft, 'sasl-external', async () => {
    const event = await connection.next('sasl-external', settings.stepTimeoutMs, settings.signal)
    if (event.kind === 'element' && event.element.ns === SASL_NS) {
      if (event.element.local === 'success') return { outcome: 'success', condition: null, text: null, detail: null }
      if (event.element.local === 'failure') {
        const condition = event.element.children.find((child) => child.local !== 'text')?.local ?? null
        const said = event.element.children.find((child) => child.local === 'text')?.text.trim() || null
        return { outcome: 'failure', condition, text: said, detail: null }
      }
    }
    throw unexpected(event, 'sasl-external', draft)
  })
}

async function expectHeader(
  connection: S2sConnection,
  step: ProbeStep,
  settings: TargetProbeSettings,
  draft: TargetDraft,
): Promise<ProbeStreamHeader> {
  const event = await connection.next(step, settings.stepTimeoutMs, settings.signal)
  if (event.kind === 'header') {
    const header = readStreamHeader(event.header)
    if (header === null) throw stepFailure(step, 'not-xmpp', `the peer answered with <${event.header.local}> in ${event.header.ns || 'no namespace'}, not an XMPP stream`)
    return header
  }
  throw unexpected(event, step, draft)
}

async function expectFeatures(
  connection: S2sConnection,
  step: ProbeStep,
  settings: TargetProbeSettings,
  draft: TargetDraft,
): Promise<ProbeStreamFeatures> {
  // One deadline for the whole step: a peer dripping other elements must not keep it alive.
  const deadline = performance.now() + settings.stepTimeoutMs
  for (;;) {
    const remaining = Math.max(1, Math.round(deadline - performance.now()))
    const event = await connection.next(step, remaining, settings.signal)
    if (event.kind === 'element') {
      const features = readFeatures(event.element)
      if (features) return features
      const streamError = readStreamError(event.element, step)
      if (streamError) throw streamErrorFailure(streamError, draft)
      // Anything else before the features (e.g. an early db:result) is ignored; the step timeout still bounds it.
      continue
    }
    throw unexpected(event, step, draft)
  }
}

async function expectProceed(
  connection: S2sConnection,
  settings: TargetProbeSettings,
  draft: TargetDraft,
): Promise<StarttlsOutcome> {
  const event = await connection.next('starttls', settings.stepTimeoutMs, settings.signal)
  if (event.kind === 'element') {
    if (event.element.ns === STARTTLS_NS && event.element.local === 'proceed') return 'proceed'
    if (event.element.ns === STARTTLS_NS && event.element.local === 'failure') return 'failure'
    const streamError = readStreamError(event.element, 'starttls')
    if (streamError) throw streamErrorFailure(streamError, draft)
    throw stepFailure('starttls', 'not-xmpp', `expected <proceed/>, got <${event.element.name}>`)
  }
  throw unexpected(event, 'starttls', draft)
}

function streamErrorFailure(streamError: ProbeStreamError, draft: TargetDraft): ProbeStepFailure {
  draft.streamError = streamError
  const suffix = streamError.text ? `: ${streamError.text}` : ''
  return stepFailure(streamError.step, 'stream-error', `<${streamError.condition}/>${suffix}`)
}

function unexpected(
  event: Awaited<ReturnType<S2sConnection['next']>>,
  step: ProbeStep,
  draft: TargetDraft,
): ProbeStepFailure {
  switch (event.kind) {
    case 'element': {
      const streamError = readStreamError(event.element, step)
      if (streamError) return streamErrorFailure(streamError, draft)
      return stepFailure(step, 'not-xmpp', `unexpected <${event.element.name}>`)
    }
    case 'header':
      return stepFailure(step, 'not-xmpp', 'a second stream header arrived unexpectedly')
    case 'stream-end':
      return stepFailure(step, 'closed', 'the server closed the XMPP stream (</stream:stream>)')
    case 'closed':
      return stepFailure(step, 'closed', 'the server closed the connection')
    case 'socket-error':
      return stepFailure(step, 'reset', event.message)
    case 'byte-limit':
      return stepFailure(step, 'byte-limit', 'the server sent more data than the probe reads; it stopped reading')
    case 'xml-error':
      return stepFailure(step, event.restricted ? 'xml-restricted' : 'xml-invalid', event.message)
  }
}

function tlsSettings(settings: TargetProbeSettings, alpn?: readonly string[]): ProbeTlsSettings {
  return {
    servername: settings.domain,
    secureContext: settings.trust.secureContext,
    ...(alpn ? { alpn } : {}),
    localAddress: settings.sourceAddress,
  }
}

/** The local address of the successful (last) attempt: where the peer saw the connection come from. */
function recordLocalAddress(draft: TargetDraft, localAddress: string | undefined): void {
  const last = draft.connectAttempts[draft.connectAttempts.length - 1]
  if (last?.ok) draft.connectAttempts[draft.connectAttempts.length - 1] = { ...last, localAddress: localAddress ?? null }
}

function describeSecured(secured: SecuredSocket, settings: TargetProbeSettings): ProbeTls {
  const tls = describeTls(secured.socket, settings.domain, settings.extraCaFiles, settings.trust, secured.peerCertificate)
  if (!settings.presentsClientCertificate) return tls
  const ours = secured.socket.getX509Certificate()
  return { ...tls, clientCertificate: ours ? describeCertificate(ours) : null }
}

/** Runs a step and records its time, counted from `began` when the step's request went out before (default: now). */
async function timed<T>(draft: TargetDraft, step: ProbeStep, run: () => Promise<T>, began = performance.now()): Promise<T> {
  draft.currentStep = step
  try {
    return await run()
  } finally {
    draft.steps.push({ step, ms: since(began) })
  }
}

/** Only NXDOMAIN/NODATA says the host has no record; a query that was not answered says nothing about it. */
function noAddressFailure(host: string, dnsError: DnsFailure | null): ProbeStepError {
  if (dnsError === null || isAbsence(dnsError)) return { step: 'dns', code: 'dns', message: `${host} has no A or AAAA record` }
  const bound = dnsFailureBound(dnsError)
  const code = bound === 'step' ? 'timeout' : bound === 'total' ? 'total-timeout' : 'dns'
  return { step: 'dns', code, message: `no address for ${host}: ${dnsError.code} (${dnsError.message})` }
}

function toStepError(error: unknown, step: ProbeStep): ProbeStepError {
  if (error instanceof ProbeStepFailure) return error.failure
  return { step, code: 'other', message: error instanceof Error ? error.message : String(error) }
}

function since(began: number): number {
  return Math.round(performance.now() - began)
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;')
}
