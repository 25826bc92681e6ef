/**
 * Reads the S2S elements the probe cares about out of parsed XML: the stream header,
 * <stream:features/> and <stream:error/>. Namespaces per RFC 6120 §4–§5 and XEP-0220.
 */
import { findChild, STREAMS_NS, type XmlElement, type XmlStreamHeader } from './xmpp-stream-reader'
import { STREAM_ERRORS_NS } from '../../src-shared/probe/stream-errors'
import type { ProbeStep, ProbeStreamError, ProbeStreamFeatures, ProbeStreamHeader } from '../../src-shared/probe/probe-types'

export const STARTTLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls'
export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl'
export const DIALBACK_FEATURE_NS = 'urn:xmpp:features:dialback'
export const DIALBACK_NS = 'jabber:server:dialback'

/** The stream header's fields, or null when the root is not <stream:stream> in the streams namespace. */
export function readStreamHeader(header: XmlStreamHeader): ProbeStreamHeader | null {
  if (header.local !== 'stream' || header.ns !== STREAMS_NS) return null
  const attribute = (name: string): string | null => header.attributes[name] ?? null
  return {
    from: attribute('from'),
    to: attribute('to'),
    id: attribute('id'),
    version: attribute('version'),
    namespace: header.namespaces[''] ?? null,
    declaresDialback: Object.values(header.namespaces).includes(DIALBACK_NS),
  }
}

/** What <stream:features/> offers, or null when the element is something else. */
export function readFeatures(element: XmlElement): ProbeStreamFeatures | null {
  if (element.local !== 'features' || element.ns !== STREAMS_NS) return null
  const starttls = findChild(element, 'starttls', STARTTLS_NS)
  const mechanisms = findChild(element, 'mechanisms', SASL_NS)
  const known = new Set([starttls, mechanisms, findChild(element, 'dialback', DIALBACK_FEATURE_NS)])
  return {
    starttls: starttls !== undefined,
    starttlsRequired: starttls !== undefined && findChild(starttls, 'required', STARTTLS_NS) !== undefined,
    dialback: findChild(element, 'dialback', DIALBACK_FEATURE_NS) !== undefined,
    saslMechanisms: (mechanisms?.children ?? [])
      .filter((child) => child.local === 'mechanism' && child.ns === SASL_NS)
      .map((child) => child.text.trim()),
    other: element.children.filter((child) => !known.has(child)).map((child) => `{${child.ns}}${child.local}`),
  }
}

/** The condition and text of a <stream:error/>, or null when the element is something else. */
export function readStreamError(element: XmlElement, step: ProbeStep): ProbeStreamError | null {
  if (element.local !== 'error' || element.ns !== STREAMS_NS) return null
  const conditions = element.children.filter((child) => child.ns === STREAM_ERRORS_NS && child.local !== 'text')
  const textElement = findChild(element, 'text', STREAM_ERRORS_NS)
  return {
    condition: conditions[0]?.local ?? 'undefined-condition',
    text: textElement ? textElement.text.trim() || null : null,
    step,
  }
}
