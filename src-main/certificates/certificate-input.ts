/**
 * Reads the file an admin is about to import on the Edge: a PFX (.pfx/.p12), a PEM bundle (.pem/.crt/.cer in
 * Base-64) or a single DER certificate (.cer/.crt). Bounded: a regular file of at most 1 MiB. Every problem
 * is a {@link CertInputError} with the reason in both languages (exit 2 in the CLI).
 */
import { readFileSync, statSync } from 'node:fs'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'
import { readCertificateFacts } from '../../src-shared/certificates/certificate-facts'
import { Pkcs12Error, readPkcs12, type Pkcs12Summary } from '../../src-shared/certificates/pkcs12-reader'
import { DerError } from '../../src-shared/probe/der-reader'
import { nodePkcs12Crypto } from './node-pkcs12-crypto'

/** A real PFX with its chain is a few KB; 1 MiB leaves room for any bundle while bounding a hostile file. */
export const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024

/** Why the input cannot be checked at all. */
export type CertInputErrorCode = 'unreadable' | 'too-large' | 'not-a-certificate' | 'wrong-password' | 'unsupported' | 'malformed'

/** Bad input: the message in both languages; never contains the password. */
export class CertInputError extends LocalizedError {
  override readonly name = 'CertInputError'
  constructor(
    readonly code: CertInputErrorCode,
    localized: Localized,
  ) {
    super(localized)
  }
}

/** The certificates of the file, the leaf first, and whether the key is there. */
export interface CertificateInput {
  readonly format: 'pfx' | 'pem' | 'der'
  readonly leaf: Uint8Array
  /** The other certificates in the file (intermediates, maybe the root). */
  readonly others: readonly Uint8Array[]
  readonly privateKey: 'present' | 'absent' | 'not-in-format'
  /** For a PFX: how it is protected (shown, since RC2-40 tells an admin which Windows exported it). */
  readonly pfx: { readonly integrity: Pkcs12Summary['integrity']; readonly encryption: readonly string[] } | null
}

/** Reads and classifies the file. `password` is used only for a PFX ('' when none was given). */
export function readCertificateInput(path: string, password: string): CertificateInput {
  const bytes = readBounded(path)
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  if (head.includes('-----BEGIN ')) return readPem(path, Buffer.from(bytes).toString('latin1'))
  if (looksLikeCertificate(bytes)) return { format: 'der', leaf: bytes, others: [], privateKey: 'not-in-format', pfx: null }
  return readPfx(path, bytes, password)
}

function readBounded(path: string): Uint8Array {
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new Error('not a regular file')
    size = stat.size
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new CertInputError('unreadable', text(`${path} cannot be read: ${why}`, `無法讀取 ${path}：${why}`))
  }
  if (size > MAX_CERTIFICATE_FILE_BYTES) {
    throw new CertInputError('too-large', text(`${path} is ${size} bytes: a certificate file is at most 1 MiB.`, `${path} 有 ${size} 位元組：憑證檔案最多 1 MiB。`))
  }
  if (size === 0) throw new CertInputError('not-a-certificate', text(`${path} is empty.`, `${path} 是空的。`))
  return Uint8Array.from(readFileSync(path))
}

function looksLikeCertificate(bytes: Uint8Array): boolean {
  try {
    readCertificateFacts(bytes)
    return true
  } catch {
    return false
  }
}

function readPem(path: string, pem: string): CertificateInput {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Uint8Array.from(Buffer.from(m[1] ?? '', 'base64')))
  if (blocks.length === 0) {
    throw new CertInputError(
      'not-a-certificate',
      text(`${path} holds no "-----BEGIN CERTIFICATE-----" block (a certificate request or a key alone cannot be checked).`, `${path} 中沒有「-----BEGIN CERTIFICATE-----」區塊（憑證要求或單獨的金鑰無法檢查）。`),
    )
  }
  for (const block of blocks) checkCertificate(path, block)
  const hasKey = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.test(pem)
  return { format: 'pem', leaf: blocks[0]!, others: blocks.slice(1), privateKey: hasKey ? 'present' : 'not-in-format', pfx: null }
}

function readPfx(path: string, bytes: Uint8Array, password: string): CertificateInput {
  let summary: Pkcs12Summary
  try {
    summary = readPkcs12(bytes, password, nodePkcs12Crypto)
  } catch (error) {
    if (!(error instanceof Pkcs12Error)) throw error
    throw pfxError(path, error)
  }
  if (summary.certificates.length === 0) {
    throw new CertInputError('not-a-certificate', text(`${path} is a PFX without any certificate.`, `${path} 是不含任何憑證的 PFX。`))
  }
  for (const c of summary.certificates) checkCertificate(path, c.der)
  // The leaf is the certificate whose localKeyId matches a key bag; without a key, the one no other certificate names as issuer.
  const keyIds = new Set(summary.keys.map((k) => k.localKeyId).filter((id): id is string => id !== null))
  const byKey = summary.certificates.find((c) => c.localKeyId !== null && keyIds.has(c.localKeyId))
  const leaf = byKey ?? summary.certificates.find((c) => !readCertificateFacts(c.der).isCa) ?? summary.certificates[0]!
  return {
    format: 'pfx',
    leaf: leaf.der,
    others: summary.certificates.filter((c) => c !== leaf).map((c) => c.der),
    privateKey: summary.keys.length > 0 ? 'present' : 'absent',
    pfx: { integrity: summary.integrity, encryption: summary.encryption },
  }
}

function checkCertificate(path: string, der: Uint8Array): void {
  try {
    readCertificateFacts(der)
  } catch (error) {
    const why = error instanceof DerError ? error.message : String(error)
    throw new CertInputError('malformed', text(`${path} holds a damaged certificate (${why}).`, `${path} 中有損毀的憑證（${why}）。`))
  }
}

function pfxError(path: string, error: Pkcs12Error): CertInputError {
  switch (error.code) {
    case 'wrong-password':
      return new CertInputError(
        'wrong-password',
        text(
          `${path}: wrong or missing password. Put the PFX password in an environment variable and name it with --password-env (it is never read from the command line).`,
          `${path}：密碼錯誤或未提供。請將 PFX 密碼放在環境變數中，並以 --password-env 指定變數名稱（絕不從命令列讀取密碼）。`,
        ),
      )
    case 'unsupported':
      return new CertInputError('unsupported', text(`${path}: this PFX uses ${error.message}.`, `${path}：此 PFX 使用了不支援的格式（${error.message}）。`))
    default:
      return new CertInputError(
        'malformed',
        text(`${path} is neither a certificate (PEM or DER) nor a readable PFX (${error.message}).`, `${path} 既不是憑證（PEM 或 DER），也不是可讀取的 PFX（${error.message}）。`),
      )
  }
}
