/**
 * The certificate the probe presents as a TLS client (--client-cert), so that SASL EXTERNAL (RFC 6120 §6,
 * XEP-0178) can show whether a partner accepts our certificate: on an Edge, the Access Edge external
 * certificate. A PFX (PKCS #12, as Windows exports it) or a PEM file holding the certificate and its key;
 * the password comes from the caller (the CLI reads it from an environment variable, never from the
 * command line). Checked once, before any traffic: a wrong password or a missing key is a clear error.
 */
import { readFileSync, statSync } from 'node:fs'
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls'
import { text } from '../../src-shared/i18n/localized'
import { ProbeOptionsError } from './probe-options-error'

/** Where the certificate comes from: a file, or bytes already read (a PFX exported from the Windows store). */
export type ClientCertificateSource =
  | { readonly kind: 'file'; readonly path: string; readonly passphrase?: string | null }
  | { readonly kind: 'pfx'; readonly label: string; readonly pfx: Buffer; readonly passphrase?: string | null }

/** A client certificate checked and ready for node:tls. */
export interface LoadedClientCertificate {
  /** The file name or the store label, for messages. */
  readonly label: string
  readonly tlsOptions: { readonly pfx?: Buffer; readonly cert?: string; readonly key?: string; readonly passphrase?: string }
}

/** A PFX of a single certificate is a few KB; a chain with every intermediate well under 1 MiB. */
const MAX_CLIENT_CERT_BYTES = 1024 * 1024

/** Reads and checks the certificate (and its key); throws {@link ProbeOptionsError} with the reason. */
export function loadClientCertificate(source: ClientCertificateSource): LoadedClientCertificate {
  const passphrase = source.passphrase ?? undefined
  const label = source.kind === 'file' ? source.path : source.label
  const bytes = source.kind === 'file' ? readBounded(source.path) : source.pfx
  const loaded: LoadedClientCertificate = isPem(bytes)
    ? { label, tlsOptions: pemOptions(bytes.toString('utf8'), label, passphrase) }
    : { label, tlsOptions: { pfx: bytes, ...(passphrase !== undefined ? { passphrase } : {}) } }
  try {
    // Building a context is the check OpenSSL itself makes: a wrong password, a key that does not match.
    createSecureContext(loaded.tlsOptions)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    const hint = /mac verify|bad decrypt|password|passphrase/i.test(why)
      ? text(
          ' (a wrong or missing password: put it in an environment variable and name it with --client-cert-password-env)',
          '（密碼錯誤或未提供：請將密碼放在環境變數中，並以 --client-cert-password-env 指定變數名稱）',
        )
      : /unsupported/i.test(why)
        ? text(
            ' (a PFX encrypted with a legacy cipher such as RC2, which OpenSSL 3 refuses by default: run with NODE_OPTIONS=--openssl-legacy-provider, or export it again with AES)',
            '（PFX 以 RC2 等舊式加密演算法加密，OpenSSL 3 預設拒絕：請以 NODE_OPTIONS=--openssl-legacy-provider 執行，或改以 AES 重新匯出）',
          )
        : text('', '')
    throw new ProbeOptionsError(
      text(`Client certificate ${label} cannot be used: ${why}${hint.en}.`, `無法使用用戶端憑證 ${label}：${why}${hint['zh-TW']}。`),
    )
  }
  return loaded
}

/**
 * A context that verifies peers like the probe's trust (Node's roots plus the extra CA files) and presents
 * the client certificate. Built once per run (parsing the roots costs ~25 ms), only when a certificate is given.
 */
export function clientSecureContext(extraCaPems: readonly string[], certificate: LoadedClientCertificate): SecureContext {
  return createSecureContext({ ca: [...rootCertificates, ...extraCaPems], ...certificate.tlsOptions })
}

function isPem(bytes: Buffer): boolean {
  return bytes.subarray(0, 4096).toString('latin1').includes('-----BEGIN ')
}

function pemOptions(pem: string, label: string, passphrase: string | undefined): LoadedClientCertificate['tlsOptions'] {
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  const key = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0]
  if (certificates.length === 0 || !key) {
    throw new ProbeOptionsError(
      text(
        `Client certificate ${label} must hold the certificate and its private key (PEM: -----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY-----), or be a PFX.`,
        `用戶端憑證 ${label} 必須同時包含憑證與其私密金鑰（PEM：-----BEGIN CERTIFICATE----- 與 -----BEGIN PRIVATE KEY-----），或是 PFX 檔。`,
      ),
    )
  }
  return { cert: certificates.join('\n'), key, ...(passphrase !== undefined ? { passphrase } : {}) }
}

/** Only a regular file of bounded size is read (a FIFO or a device cannot block or flood the process). */
function readBounded(path: string): Buffer {
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new Error('not a regular file')
    if (stat.size > MAX_CLIENT_CERT_BYTES) throw new Error(`larger than ${MAX_CLIENT_CERT_BYTES / 1024 / 1024} MiB`)
    return readFileSync(path)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ProbeOptionsError(text(`Client certificate ${path} cannot be read: ${why}`, `無法讀取用戶端憑證 ${path}：${why}`))
  }
}
