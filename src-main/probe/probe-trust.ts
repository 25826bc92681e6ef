/**
 * The trust a probe verifies certificate chains with: Node's bundled roots plus the user's extra CA
 * files. Building a SecureContext from ~140 PEM roots costs ~25 ms and fingerprinting them another
 * ~25 ms, so a context is built once per distinct CA set and the fingerprints only when a chain fails.
 */
import { X509Certificate } from 'node:crypto'
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls'

export interface ProbeTrust {
  readonly secureContext: SecureContext
  /** SHA-256 fingerprints (as Node prints them) of every trusted certificate; computed on first call. */
  readonly trustedFingerprints: () => ReadonlySet<string>
}

/** Distinct CA sets kept; a long-running app probing with many different CA files stays bounded. */
const MAX_CACHED = 8
const cache = new Map<string, ProbeTrust>()

/** The trust for these extra CA PEM texts (none: Node's default roots, whose context Node caches itself). */
export function loadProbeTrust(extraCaPems: readonly string[]): ProbeTrust {
  const key = extraCaPems.join('\n')
  const cached = cache.get(key)
  if (cached) return cached
  const secureContext = buildContext(extraCaPems)
  let fingerprints: ReadonlySet<string> | null = null
  const trust: ProbeTrust = {
    secureContext,
    trustedFingerprints: () => (fingerprints ??= fingerprintCertificates([...rootCertificates, ...extraCaPems])),
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value ?? '')
  cache.set(key, trust)
  return trust
}

/**
 * Node's default context already holds the bundled roots as parsed certificates; adding the extra CAs to
 * a copy of that store (the native addCACert, which copies the shared store before its first change)
 * costs ~1 ms instead of ~20 ms for re-parsing every root PEM. The handle is not a documented API, so
 * when it is missing the context is built the documented way.
 */
function buildContext(extraCaPems: readonly string[]): SecureContext {
  if (extraCaPems.length === 0) return createSecureContext()
  const context = createSecureContext()
  const handle = (context as { context?: { addCACert?: (pem: string) => void } }).context
  if (typeof handle?.addCACert !== 'function') return createSecureContext({ ca: [...rootCertificates, ...extraCaPems] })
  for (const pem of extraCaPems) handle.addCACert(pem)
  return context
}

/** SHA-256 fingerprints of every certificate in these PEM texts; broken blocks are skipped, as OpenSSL skips them. */
export function fingerprintCertificates(pems: readonly string[]): ReadonlySet<string> {
  const fingerprints = new Set<string>()
  for (const pem of pems) {
    for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      try {
        fingerprints.add(new X509Certificate(block).fingerprint256)
      } catch {
        // not a certificate OpenSSL would load either
      }
    }
  }
  return fingerprints
}
