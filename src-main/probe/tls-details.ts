/**
 * Turns a connected TLSSocket into the report's TLS section: protocol, cipher, the chain as sent,
 * whether it verified, and the leaf certificate's identifiers read from its DER.
 */
import { X509Certificate } from 'node:crypto'
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls'
import type { ProbeTrust } from './probe-trust'
import { readPresentedIdentifiers } from '../../src-shared/probe/certificate-sans'
import type { PresentedIdentifiers, ProbeCertificate, ProbeChainEntry, ProbeTls } from '../../src-shared/probe/probe-types'

const MAX_CHAIN = 10

const NO_IDENTIFIERS: PresentedIdentifiers = {
  dnsNames: [],
  srvNames: [],
  xmppAddrs: [],
  ipAddresses: [],
  uris: [],
  commonNames: [],
}

/**
 * Reads what the TLS handshake showed. `detailedChain` is the chain Node already read while verifying
 * (getPeerCertificate(true)); without it the chain is read here.
 */
export function describeTls(
  socket: TLSSocket,
  servername: string,
  extraCaFiles: readonly string[],
  trust: ProbeTrust,
  detailedChain: DetailedPeerCertificate | null = null,
): ProbeTls {
  // Read the detailed chain before getPeerX509Certificate(): on Node 20 the chain comes back empty after it.
  const chain = describeChain(detailedChain ?? socket.getPeerCertificate(true))
  const leaf = socket.getPeerX509Certificate()
  const alpn = socket.alpnProtocol
  return {
    version: socket.getProtocol(),
    cipher: socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? null,
    alpn: typeof alpn === 'string' ? alpn : null,
    servername,
    peerCertificate: leaf ? describeCertificate(leaf) : null,
    chain,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
    // Only a failed verification needs the (costly) fingerprint set; a verified chain ends in a trusted root by definition.
    chainEndsInTrustedRoot: socket.authorized || chain.some((entry) => trust.trustedFingerprints().has(entry.fingerprint256)),
    extraCaFiles: [...extraCaFiles],
  }
}

/** The report's view of one certificate. */
export function describeCertificate(certificate: X509Certificate): ProbeCertificate {
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    serialNumber: certificate.serialNumber,
    identifiers: readIdentifiersSafely(certificate.raw),
    notBefore: toIso(certificate.validFrom),
    notAfter: toIso(certificate.validTo),
    fingerprint256: certificate.fingerprint256,
    fingerprint1: certificate.fingerprint,
    selfSigned: certificate.checkIssued(certificate),
  }
}

function readIdentifiersSafely(der: Uint8Array): PresentedIdentifiers {
  try {
    return readPresentedIdentifiers(der)
  } catch {
    // Node parsed the certificate, so OpenSSL accepted it; if our reader does not, show no names rather than fail the probe.
    return NO_IDENTIFIERS
  }
}

function describeChain(leaf: DetailedPeerCertificate): ProbeChainEntry[] {
  const chain: ProbeChainEntry[] = []
  const seen = new Set<string>()
  let current: DetailedPeerCertificate | undefined = leaf
  while (current && current.fingerprint256 && !seen.has(current.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(current.fingerprint256)
    chain.push({
      subject: formatName(current.subject),
      issuer: formatName(current.issuer),
      notAfter: toIso(current.valid_to),
      fingerprint256: current.fingerprint256,
    })
    current = current.issuerCertificate
  }
  return chain
}

function formatName(name: Readonly<Record<string, string | string[] | undefined>> | undefined): string {
  if (!name) return ''
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : (value ?? '')}`)
    .join(', ')
}

function toIso(value: string): string {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}
