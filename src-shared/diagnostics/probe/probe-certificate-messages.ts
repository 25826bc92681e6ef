/**
 * Every message of the certificate probe judges (probe-certificate-judges.ts), in both languages: a translator
 * edits here, and the judges read as logic. OpenSSL's error codes stay as OpenSSL names them.
 */
import { text } from '../../i18n/localized'
import type { ProbeCertificate } from '../../probe/probe-types'

export const PROBE_CERTIFICATE_MESSAGES = {
  noTls: text('No target offers TLS, so there is no certificate to check.', '沒有目標提供 TLS，因此沒有憑證可檢查。'),
  noCertificateYet: text('The probe did not get as far as a certificate', '探測沒有進行到取得憑證的步驟'),
}

export const PROBE_CERTIFICATE_NAMES_MESSAGES = {
  /** `names`: the identifiers the certificate presents (empty: none). `hostOnly`: it names the SRV target host instead. */
  mismatch: (target: string, domain: string, names: readonly string[], hostOnly: boolean) =>
    text(
      `The certificate on ${target} does not name ${domain}; it presents ${names.join(', ') || '(none)'}.${hostOnly ? ' It names the SRV target host, but XMPP checks the domain itself.' : ''}`,
      `${target} 上的憑證沒有包含 ${domain}；它列出的是 ${names.join('、') || '（無）'}。${hostOnly ? '它列出的是 SRV 目標主機，但 XMPP 檢查的是網域本身。' : ''}`,
    ),
  askPartnerSan: (domain: string) =>
    text(`use a certificate whose subject alternative names include ${domain}.`, `使用主體別名包含 ${domain} 的憑證。`),
  cnOnly: (domain: string) =>
    text(
      `The certificate names ${domain} only in its subject CN and has no subject alternative names; current servers ignore the CN (RFC 6125 §6.4.4).`,
      `憑證只在主體 CN 中包含 ${domain}，沒有主體別名；現今的伺服器會忽略 CN（RFC 6125 §6.4.4）。`,
    ),
  names: (domain: string, how: string) => text(`The certificate names ${domain} (${how}).`, `憑證包含 ${domain}（${how}）。`),
}

export const PROBE_CERTIFICATE_DATES_MESSAGES = {
  askPartnerRenew: text('renew the certificate of their XMPP server.', '更新其 XMPP 伺服器的憑證。'),
  expired: (target: string, notAfter: string) =>
    text(`The certificate on ${target} expired on ${notAfter}.`, `${target} 上的憑證已於 ${notAfter} 到期。`),
  notYetValid: (target: string, notBefore: string) =>
    text(`The certificate on ${target} is not valid before ${notBefore} (check the clocks).`, `${target} 上的憑證在 ${notBefore} 之前無效（請檢查時鐘）。`),
  expiresSoon: (days: number, notAfter: string) =>
    text(`The certificate expires in ${days} day(s), on ${notAfter}.`, `憑證將在 ${days} 天後（${notAfter}）到期。`),
  valid: (notAfter: string, days: number) => text(`Valid until ${notAfter} (${days} days).`, `有效期限至 ${notAfter}（${days} 天）。`),
}

export const PROBE_CERTIFICATE_TRUST_MESSAGES = {
  onlyDatesFail: (issuer: string) =>
    text(
      `The chain leads to a trusted root (issuer: ${issuer}); only its dates fail, which s2s-certificate-not-expiring reports.`,
      `憑證鏈可連到受信任的根憑證（簽發者：${issuer}）；只有有效日期不符，由 s2s-certificate-not-expiring 回報。`,
    ),
  verifies: (issuer: string) => text(`The chain verifies (issuer: ${issuer}).`, `憑證鏈驗證成功（簽發者：${issuer}）。`),
  untrusted: (target: string, code: string, certificate: ProbeCertificate) => {
    const why = chainErrorWords(code, certificate)
    return text(`${target}: ${why.en} (${code})`, `${target}：${why['zh-TW']}（${code}）`)
  },
}

/** What OpenSSL's verification error means for a federating server. */
function chainErrorWords(code: string, certificate: ProbeCertificate) {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return text(
        `the certificate is out of date, and its chain does not lead to a root the probe trusts (${certificate.issuer}).`,
        `憑證已不在有效期內，且其憑證鏈無法連到探測信任的根憑證（${certificate.issuer}）。`,
      )
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return text('the certificate is self-signed; partners will not trust it.', '憑證為自我簽署；夥伴不會信任它。')
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return text(
        `issued by a CA the probe does not trust (${certificate.issuer}); a missing intermediate certificate, or a private CA (pass its root with --ca-file).`,
        `由探測不信任的 CA 簽發（${certificate.issuer}）；可能缺少中繼憑證，或是私人 CA（請以 --ca-file 提供其根憑證）。`,
      )
    default:
      return text('the certificate chain does not verify.', '憑證鏈驗證失敗。')
  }
}
