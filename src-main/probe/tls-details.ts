/**
 * Turns a connected TLSSocket into the report's TLS section: protocol, cipher, the chain as sent,
 * whether it verified, and the leaf certificate's identifiers read from its DER.
 */
import { X509Certificate } from 'node:crypto'
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls'
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

/** SHA-256 fingerprints (as Node prints them) of the PEM certificates the probe trusts. */
export function fingerprintTrustedRoots(pems: readonly string[]): ReadonlySet<string> {
  const fingerprints = new Set<string>()
  for (const pem of pems) {
    for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      try {
        fingerprints.add(new X509Certificate(block).fingerprint256)
      } catch {
        // A broken block in a CA file is simply not trusted; OpenSSL ignores it the same way.
      }
    }
  }
  return fingerprints
}

/** Reads what the TLS handshake showed. */
export function describeTls(
  socket: TLSSocket,
  servername: string,
  extraCaFiles: readonly string[],
  trustedRoots: ReadonlySet<string>,
): ProbeTls {
  // Read the detailed chain before getPeerX509Certificate(): on Node 20 the chain comes back empty after it.
  const chain = describeChain(socket.getPeerCertificate(true))
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
    chainEndsInTrustedRoot: chain.some((entry) => trustedRoots.has(entry.fingerprint256)),
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
