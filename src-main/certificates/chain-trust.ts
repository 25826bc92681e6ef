/**
 * Builds the chain from the leaf to a trust anchor with node:crypto (X509Certificate.checkIssued + verify):
 * the anchors are Node's bundled roots (tls.rootCertificates, Mozilla's set), then on Windows the machine
 * store's Root (machine-store-trust.ts), then the --ca-file certificates; intermediates may come from the file
 * itself or the machine store's CA store.
 */
import { X509Certificate } from 'node:crypto'
import { rootCertificates } from 'node:tls'
import { text } from '../../src-shared/i18n/localized'
import type { ChainVerdict } from '../../src-shared/certificates/cert-check-rules'
import type { MachineStoreTrust } from './machine-store-trust'

/** The chain verdict and the DER of the certificates between leaf and anchor. */
export interface ChainResult {
  readonly verdict: ChainVerdict
  readonly intermediates: readonly Uint8Array[]
}

/** No real chain is longer; the bound keeps a cyclic or hostile bundle from looping. */
const MAX_DEPTH = 8

/** Finds a path from `leaf` to a trusted root. */
export function buildTrustedChain(
  leaf: Uint8Array,
  bundled: readonly Uint8Array[],
  caFilePems: readonly string[],
  systemRoots: readonly string[] = rootCertificates,
  machineStore: MachineStoreTrust | null = null,
): ChainResult {
  const leafCert = new X509Certificate(Buffer.from(leaf))
  const fromFile = bundled.map((der) => new X509Certificate(Buffer.from(der)))
  const caFile = caFilePems.flatMap(splitPem).map((pem) => new X509Certificate(pem))
  const system = systemRoots.map((pem) => new X509Certificate(pem))
  // A store may hold a certificate Node cannot parse (odd encodings in old enterprise roots): skip it, not the check.
  const storeRoots = parseAll(machineStore?.roots ?? [])
  const storeIntermediates = parseAll(machineStore?.intermediates ?? [])
  const anchorOf = (cert: X509Certificate): 'system' | 'windows-store' | 'ca-file' | null => {
    if (system.some((root) => root.fingerprint256 === cert.fingerprint256)) return 'system'
    if (storeRoots.some((root) => root.fingerprint256 === cert.fingerprint256)) return 'windows-store'
    if (caFile.some((root) => root.fingerprint256 === cert.fingerprint256)) return 'ca-file'
    return null
  }
  const path: X509Certificate[] = [leafCert]
  const names = (): string[] => path.map((c) => commonName(c))
  let current = leafCert
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const anchor = anchorOf(current)
    if (anchor) return { verdict: { status: 'trusted', path: names(), anchor }, intermediates: middle(path) }
    const selfSigned = current.checkIssued(current) && current.verify(current.publicKey)
    if (selfSigned) {
      if (path.length === 1) return { verdict: { status: 'trusted', path: names(), anchor: 'self' }, intermediates: [] }
      return {
        verdict: {
          status: 'untrusted',
          path: names(),
          reason: text(
            `The root ${commonName(current)} is not trusted (not among Node's roots, this server's machine store or --ca-file).`,
            `根憑證 ${commonName(current)} 不受信任（不在 Node 的根憑證、本機電腦存放區或 --ca-file 中）。`,
          ),
        },
        intermediates: middle(path),
      }
    }
    // Anchors first: a cross-signed intermediate in the file must not hide a root we already trust.
    const issuer = [...system, ...storeRoots, ...caFile, ...fromFile, ...storeIntermediates].find((candidate) => !path.includes(candidate) && current.checkIssued(candidate) && current.verify(candidate.publicKey))
    if (!issuer) {
      return {
        verdict: {
          status: 'untrusted',
          path: names(),
          reason: text(
            `The issuer of ${commonName(current)} (${current.issuer.replace(/\n/g, ', ')}) was not found: include the intermediate certificates in the file, or give the issuing CA with --ca-file.`,
            `找不到 ${commonName(current)} 的簽發者（${current.issuer.replace(/\n/g, ', ')}）：請在檔案中包含中繼憑證，或以 --ca-file 指定簽發 CA。`,
          ),
        },
        intermediates: middle(path),
      }
    }
    path.push(issuer)
    current = issuer
  }
  return { verdict: { status: 'untrusted', path: names(), reason: text('The chain is longer than 8 certificates.', '憑證鏈超過 8 張憑證。') }, intermediates: middle(path) }
}

/** Every certificate after the leaf except a self-signed root at the end. */
function middle(path: readonly X509Certificate[]): Uint8Array[] {
  return path.slice(1).filter((c) => !(c.checkIssued(c) && c.verify(c.publicKey))).map((c) => Uint8Array.from(c.raw))
}

function parseAll(ders: readonly Uint8Array[]): X509Certificate[] {
  return ders.flatMap((der) => {
    try {
      return [new X509Certificate(Buffer.from(der))]
    } catch {
      return []
    }
  })
}

function commonName(cert: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1]
  return cn ?? cert.subject.replace(/\n/g, ', ')
}

function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
}
