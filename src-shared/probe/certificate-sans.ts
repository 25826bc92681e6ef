/**
 * Reads the identifiers an X.509 certificate presents straight from its DER: subjectAltName
 * (dNSName, iPAddress, URI and the otherName forms SRVName and id-on-xmppAddr) and the subject CNs.
 * Node's X509Certificate.subjectAltName prints the otherName forms only as text; reading the DER
 * keeps the values exact and keeps this module pure (usable by the renderer too).
 */
import type { PresentedIdentifiers } from './probe-types'
import {
  DER_TAG,
  DerError,
  formatIpAddress,
  isContext,
  isUniversal,
  readDerChildren,
  readDerNode,
  readDerString,
  readOid,
  type DerNode,
} from './der-reader'

/** id-on-dnsSRV, RFC 4985 (SRVName). */
export const OID_SRV_NAME = '1.3.6.1.5.5.7.8.7'
/** id-on-xmppAddr, RFC 6120 §13.7.1.4. */
export const OID_XMPP_ADDR = '1.3.6.1.5.5.7.8.5'
const OID_SUBJECT_ALT_NAME = '2.5.29.17'
const OID_COMMON_NAME = '2.5.4.3'

/** Reads every presented identifier from a DER certificate. Throws {@link DerError} on malformed input. */
export function readPresentedIdentifiers(der: Uint8Array): PresentedIdentifiers {
  const certificate = readDerNode(der, 0)
  if (!isUniversal(certificate, DER_TAG.sequence)) throw new DerError('a certificate starts with a SEQUENCE')
  const [tbs] = readDerChildren(der, certificate)
  if (!tbs || !isUniversal(tbs, DER_TAG.sequence)) throw new DerError('missing tbsCertificate')
  const fields = readDerChildren(der, tbs)
  // The version field [0] is optional (absent for v1 certificates); the next six fields are fixed.
  const first = fields[0] && isContext(fields[0], 0) ? 1 : 0
  const subject = fields[first + 4]
  if (!subject || !isUniversal(subject, DER_TAG.sequence)) throw new DerError('missing subject')
  const extensionsWrapper = fields.slice(first + 6).find((node) => isContext(node, 3))

  const identifiers = {
    dnsNames: [] as string[],
    srvNames: [] as string[],
    xmppAddrs: [] as string[],
    ipAddresses: [] as string[],
    uris: [] as string[],
    commonNames: readCommonNames(der, subject),
  }
  if (extensionsWrapper) {
    const san = findExtensionValue(der, extensionsWrapper, OID_SUBJECT_ALT_NAME)
    if (san) readGeneralNames(der, san, identifiers)
  }
  return identifiers
}

function readCommonNames(der: Uint8Array, name: DerNode): string[] {
  const names: string[] = []
  for (const rdn of readDerChildren(der, name)) {
    for (const attribute of readDerChildren(der, rdn)) {
      const [type, value] = readDerChildren(der, attribute)
      if (type && value && readOid(der, type) === OID_COMMON_NAME) names.push(readDerString(der, value))
    }
  }
  return names
}

/** The DER inside the extension's OCTET STRING, or null when the certificate lacks it. */
function findExtensionValue(der: Uint8Array, wrapper: DerNode, oid: string): DerNode | null {
  const [extensions] = readDerChildren(der, wrapper)
  if (!extensions) return null
  for (const extension of readDerChildren(der, extensions)) {
    const parts = readDerChildren(der, extension)
    const id = parts[0]
    const value = parts[parts.length - 1]
    if (!id || !value || readOid(der, id) !== oid) continue
    if (!isUniversal(value, DER_TAG.octetString)) throw new DerError('extension value is not an OCTET STRING')
    return readDerNode(der, value.start, value.end)
  }
  return null
}

interface MutableIdentifiers {
  dnsNames: string[]
  srvNames: string[]
  xmppAddrs: string[]
  ipAddresses: string[]
  uris: string[]
}

function readGeneralNames(der: Uint8Array, names: DerNode, out: MutableIdentifiers): void {
  for (const name of readDerChildren(der, names)) {
    if (name.tagClass !== 'context') continue
    const content = der.subarray(name.start, name.end)
    switch (name.tagNumber) {
      case 0:
        readOtherName(der, name, out)
        break
      case 2:
        out.dnsNames.push(readDerString(der, { ...name, tagClass: 'universal', tagNumber: DER_TAG.ia5String }))
        break
      case 6:
        out.uris.push(readDerString(der, { ...name, tagClass: 'universal', tagNumber: DER_TAG.ia5String }))
        break
      case 7:
        out.ipAddresses.push(formatIpAddress(content))
        break
      default:
        // rfc822Name, directoryName, registeredID …: not identifiers for an XMPP server.
        break
    }
  }
}

/** otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (encoded IMPLICIT [0] in GeneralName). */
function readOtherName(der: Uint8Array, name: DerNode, out: MutableIdentifiers): void {
  const [typeId, explicitValue] = readDerChildren(der, name)
  if (!typeId || !explicitValue || !isContext(explicitValue, 0)) throw new DerError('malformed otherName')
  const oid = readOid(der, typeId)
  const [value] = readDerChildren(der, explicitValue)
  if (!value) throw new DerError('empty otherName value')
  if (oid === OID_SRV_NAME) out.srvNames.push(readDerString(der, value))
  else if (oid === OID_XMPP_ADDR) out.xmppAddrs.push(readDerString(der, value))
}
