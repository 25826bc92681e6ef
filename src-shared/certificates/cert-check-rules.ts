/**
 * The preflight's rules for a certificate about to be assigned to the Access Edge external interface.
 * Each rule names its source next to it; the rules are pure (facts in, statuses out) so every branch is
 * tested without files. A rule that cannot be judged from the input is 'skipped' with the reason.
 */
import { text, type Localized } from '../i18n/localized'
import { matchXmppServerIdentity, type IdentityMatchKind } from '../probe/certificate-identity'
import { EKU, type CertificateFacts } from './certificate-facts'
import { formatTime } from '../text/format-time'

/** pass = fine; warn = works but worth knowing; fail = fix before assigning; skipped = not judged, with why. */
export type CertRuleStatus = 'pass' | 'warn' | 'fail' | 'skipped'

/** Rule ids, stable for --json and the app. */
export type CertRuleId =
  | 'names'
  | 'server-auth-eku'
  | 'key-strength'
  | 'validity'
  | 'signature-algorithm'
  | 'chain-trusted'
  | 'private-key'
  | 'crl-distribution-point'

/** One judged rule. */
export interface CertRule {
  readonly id: CertRuleId
  readonly status: CertRuleStatus
  readonly summary: Localized
  /** Where the requirement comes from (document and section). */
  readonly source: string
}

/** A name the certificate must cover, and where the preflight got it from. */
export interface RequiredName {
  readonly name: string
  readonly role: 'access-edge-fqdn' | 'xmpp-domain'
  /** 'evidence' = the topology's AccessEdgeExternalFqdn; 'sip-default' = sip.<domain>; 'domain' = --domain. */
  readonly from: 'evidence' | 'sip-default' | 'domain'
}

/** Whether one required name is covered, and by which presented identifier. */
export interface NameCoverage extends RequiredName {
  readonly covered: boolean
  readonly by: IdentityMatchKind | null
  readonly identifier: string | null
}

/** The chain as found by the caller (node:crypto in src-main). */
export type ChainVerdict =
  | { readonly status: 'trusted'; readonly path: readonly string[]; readonly anchor: 'system' | 'windows-store' | 'ca-file' | 'self' }
  | { readonly status: 'untrusted'; readonly path: readonly string[]; readonly reason: Localized }

/** Everything the rules judge. */
export interface CertCheckInput {
  readonly leaf: CertificateFacts
  /** The certificates between the leaf and its trust anchor (or as far as the chain could be built). */
  readonly intermediates: readonly CertificateFacts[]
  readonly chain: ChainVerdict
  readonly names: readonly RequiredName[]
  /** 'present'/'absent' for a PFX or a PEM that may carry a key; 'not-in-format' for a .cer/.crt. */
  readonly privateKey: 'present' | 'absent' | 'not-in-format'
  readonly now: Date
}

/** The verdict: ready only when no rule failed. */
export interface CertCheckVerdict {
  readonly ready: boolean
  readonly rules: readonly CertRule[]
  readonly names: readonly NameCoverage[]
}

/** Days before notAfter under which a new certificate is not worth assigning. */
export const EXPIRY_MARGIN_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/** Source keys, spelled out in docs/cert-check.md. */
export const CERT_SOURCES = {
  names: 'DOC-CERT (JJ618372: External/Access Edge SAN list: sip.<domain> and <domain> for each XMPP namespace); DOC-SETUP step 17; RFC 6120 §13.7.1.2 / RFC 7590 / RFC 6125',
  eku: 'Lync Server 2013 certificate infrastructure requirements ("All server certificates must support server authorization (Server EKU)"); RFC 5280 §4.2.1.12; DOC-CERT (client EKU only for AOL public IM)',
  key: 'Lync Server 2013 certificate infrastructure requirements (key lengths 1024/2048/4096, 2048 or more recommended; ECDH_P256/P384/P521 supported); CA/Browser Forum Baseline Requirements §6.1.5 (RSA ≥ 2048)',
  validity: 'RFC 5280 §4.1.2.5; DOC-SETUP step 22 (assigning restarts the Edge services: a certificate that expires soon means another outage)',
  signature: 'CA/Browser Forum Baseline Requirements §7.1.3 (no SHA-1 for subscriber certificates since 2016-01-01); Microsoft SHA-1 deprecation policy for Windows root program CAs; Lync Server 2013 certificate infrastructure requirements (RSASSA-PSS unsupported)',
  chain: 'Lync Server 2013 certificate infrastructure support ("MTLS certificates must be issued by trusted certification authorities"); DOC-CERT ("must be from a Public CA"); RFC 5280 §6',
  key_present: 'DOC-SETUP steps 17–21 (the certificate is imported with its private key and assigned to the Access Edge external interface)',
  cdp: 'Lync Server 2013 certificate infrastructure requirements ("All server certificates must contain a CRL Distribution Point (CDP)")',
} as const

/** Judges a certificate against every rule. */
export function judgeCertificate(input: CertCheckInput): CertCheckVerdict {
  const names = input.names.map((required): NameCoverage => {
    const match = matchXmppServerIdentity(required.name, input.leaf.identifiers)
    return { ...required, covered: match.matched, by: match.by, identifier: match.identifier }
  })
  const rules: CertRule[] = [
    judgeNames(names),
    judgeEku(input.leaf),
    judgeKey(input.leaf),
    judgeValidity(input.leaf, input.now),
    judgeSignature(input.leaf, input.intermediates),
    judgeChain(input.chain),
    judgePrivateKey(input.privateKey),
    judgeCrlDistributionPoint(input.leaf),
  ]
  return { ready: rules.every((r) => r.status !== 'fail'), rules, names }
}

function rule(id: CertRuleId, status: CertRuleStatus, summary: Localized, source: string): CertRule {
  return { id, status, summary, source }
}

function judgeNames(names: readonly NameCoverage[]): CertRule {
  const missing = names.filter((n) => !n.covered).map((n) => n.name)
  const cnOnly = names.filter((n) => n.by === 'cn' || n.by === 'cn-wildcard').map((n) => n.name)
  if (missing.length > 0) {
    return rule(
      'names',
      'fail',
      text(
        `Not covered: ${missing.join(', ')}. Request the certificate with these as subject alternative names (DNS).`,
        `未涵蓋：${missing.join('、')}。申請憑證時請將這些名稱列為主體別名（DNS）。`,
      ),
      CERT_SOURCES.names,
    )
  }
  if (cnOnly.length > 0) {
    return rule(
      'names',
      'warn',
      text(
        `${cnOnly.join(', ')} only in the subject CN (no subject alternative names): Lync expects the subject name repeated in the SAN.`,
        `${cnOnly.join('、')} 只出現在主體 CN（沒有主體別名）：Lync 要求主體名稱也列在 SAN 中。`,
      ),
      CERT_SOURCES.names,
    )
  }
  return rule('names', 'pass', text(`Every name is covered: ${names.map((n) => n.name).join(', ')}.`, `所有名稱皆已涵蓋：${names.map((n) => n.name).join('、')}。`), CERT_SOURCES.names)
}

function judgeEku(leaf: CertificateFacts): CertRule {
  const ekus = leaf.extendedKeyUsages
  const client = ekus?.includes(EKU.clientAuth) ?? false
  const clientNote = client
    ? text(' Client authentication is also present.', '也包含用戶端驗證。')
    : text(
        ' Client authentication is absent: Microsoft lists it only for public IM connectivity with AOL, not for XMPP or SIP federation.',
        // No space after the Chinese full stop it follows.
        '不含用戶端驗證：Microsoft 只在與 AOL 的公用 IM 連線時要求它，XMPP 與 SIP 同盟不需要。',
      )
  if (ekus === null) {
    return rule(
      'server-auth-eku',
      'warn',
      text(
        'The certificate has no Extended Key Usage extension: RFC 5280 allows any purpose then, but Lync requires the Server Authentication EKU explicitly and public CAs always include it.',
        '憑證沒有「增強金鑰使用方法」延伸：依 RFC 5280 表示不限用途，但 Lync 明確要求伺服器驗證 EKU，公用 CA 也一定會加上。',
      ),
      CERT_SOURCES.eku,
    )
  }
  if (ekus.includes(EKU.serverAuth)) {
    return rule('server-auth-eku', 'pass', text(`Server Authentication (1.3.6.1.5.5.7.3.1) is present.${clientNote.en}`, `包含伺服器驗證（1.3.6.1.5.5.7.3.1）。${clientNote['zh-TW']}`), CERT_SOURCES.eku)
  }
  if (ekus.includes(EKU.any)) {
    return rule('server-auth-eku', 'warn', text('Only anyExtendedKeyUsage is present, not Server Authentication itself.', '只有 anyExtendedKeyUsage，沒有伺服器驗證本身。'), CERT_SOURCES.eku)
  }
  return rule(
    'server-auth-eku',
    'fail',
    text(
      `Server Authentication (1.3.6.1.5.5.7.3.1) is missing (EKUs: ${ekus.join(', ') || 'none'}): partners cannot accept this certificate for TLS.`,
      `缺少伺服器驗證（1.3.6.1.5.5.7.3.1）（EKU：${ekus.join('、') || '無'}）：夥伴無法在 TLS 中接受此憑證。`,
    ),
    CERT_SOURCES.eku,
  )
}

function judgeKey(leaf: CertificateFacts): CertRule {
  const key = leaf.publicKey
  if (key.kind === 'rsa') {
    return key.bits >= 2048
      ? rule('key-strength', 'pass', text(`RSA ${key.bits} bits.`, `RSA ${key.bits} 位元。`), CERT_SOURCES.key)
      : rule(
          'key-strength',
          'fail',
          text(`RSA ${key.bits} bits: request a new certificate with a 2048-bit (or larger) key; public CAs no longer issue smaller ones.`, `RSA ${key.bits} 位元：請以 2048 位元（或更長）的金鑰重新申請；公用 CA 已不再簽發較短的金鑰。`),
          CERT_SOURCES.key,
        )
  }
  if (key.kind === 'ec') {
    if (key.curve) {
      return rule(
        'key-strength',
        'warn',
        text(
          `ECDSA ${key.curve}: Lync Server 2013 lists ECDH_P256/P384/P521 as supported, but RSA is its default; partners and older XMPP servers are less likely to be tested with ECDSA. Prefer RSA 2048 unless you have tested it.`,
          `ECDSA ${key.curve}：Lync Server 2013 列出支援 ECDH_P256/P384/P521，但預設為 RSA；夥伴與較舊的 XMPP 伺服器較少以 ECDSA 測試。除非已經測試過，建議使用 RSA 2048。`,
        ),
        CERT_SOURCES.key,
      )
    }
    return rule('key-strength', 'fail', text(`Elliptic curve ${key.curveOid ?? '(unnamed)'} is not one Lync Server 2013 lists (P-256, P-384, P-521).`, `橢圓曲線 ${key.curveOid ?? '（未命名）'} 不在 Lync Server 2013 支援清單中（P-256、P-384、P-521）。`), CERT_SOURCES.key)
  }
  return rule('key-strength', 'fail', text(`Public key algorithm ${key.oid} is not RSA or ECDSA: Lync Server 2013 cannot use it.`, `公開金鑰演算法 ${key.oid} 不是 RSA 或 ECDSA：Lync Server 2013 無法使用。`), CERT_SOURCES.key)
}

function judgeValidity(leaf: CertificateFacts, now: Date): CertRule {
  const from = formatTime(leaf.notBefore.toISOString())
  const until = formatTime(leaf.notAfter.toISOString())
  if (leaf.notBefore.getTime() > now.getTime()) {
    return rule('validity', 'fail', text(`Not valid yet: valid from ${from}. Check the server clock, or wait.`, `尚未生效：自 ${from} 起才有效。請檢查伺服器時鐘，或等到生效後再指派。`), CERT_SOURCES.validity)
  }
  if (leaf.notAfter.getTime() <= now.getTime()) {
    return rule('validity', 'fail', text(`Expired on ${until}.`, `已於 ${until} 到期。`), CERT_SOURCES.validity)
  }
  const days = Math.floor((leaf.notAfter.getTime() - now.getTime()) / DAY_MS)
  if (days < EXPIRY_MARGIN_DAYS) {
    return rule(
      'validity',
      'fail',
      text(`Expires in ${days} days (${until}): assigning it schedules the next outage. Renew first.`, `將在 ${days} 天後到期（${until}）：現在指派只會安排下一次中斷。請先續約。`),
      CERT_SOURCES.validity,
    )
  }
  return rule('validity', 'pass', text(`Valid from ${from} until ${until} (${days} days left).`, `有效期間 ${from} 至 ${until}（剩 ${days} 天）。`), CERT_SOURCES.validity)
}

function judgeSignature(leaf: CertificateFacts, intermediates: readonly CertificateFacts[]): CertRule {
  const sig = leaf.signature
  if (sig.isPss) {
    return rule('signature-algorithm', 'fail', text('Signed with RSASSA-PSS, which Microsoft says Lync Server 2013 does not support (sign-in and call errors).', '以 RSASSA-PSS 簽署，Microsoft 表示 Lync Server 2013 不支援（會造成登入與通話錯誤）。'), CERT_SOURCES.signature)
  }
  if (sig.hash === 'sha1' || sig.hash === 'md5' || sig.hash === 'md2') {
    return rule(
      'signature-algorithm',
      'fail',
      text(`Signed with ${sig.name}: browsers, Windows and public CAs rejected SHA-1 (and MD5) certificates years ago; partners will too. Reissue with SHA-256.`, `以 ${sig.name} 簽署：瀏覽器、Windows 與公用 CA 多年前已停止接受 SHA-1（及 MD5）憑證，夥伴也會拒絕。請以 SHA-256 重新簽發。`),
      CERT_SOURCES.signature,
    )
  }
  // Roots are trusted by presence in the store, so their own self-signature hash does not matter; intermediates' does.
  const weak = intermediates.filter((c) => !c.selfIssued && (c.signature.hash === 'sha1' || c.signature.hash === 'md5'))
  if (weak.length > 0) {
    return rule(
      'signature-algorithm',
      'warn',
      text(
        `The certificate is signed with ${sig.name}, but the intermediate ${weak.map((c) => `${c.subject} (${c.signature.name})`).join(', ')} is SHA-1: ask the CA for its SHA-256 intermediate.`,
        `憑證以 ${sig.name} 簽署，但中繼憑證 ${weak.map((c) => `${c.subject}（${c.signature.name}）`).join('、')} 使用 SHA-1：請向 CA 取得 SHA-256 的中繼憑證。`,
      ),
      CERT_SOURCES.signature,
    )
  }
  if (sig.hash === null) {
    return rule('signature-algorithm', 'warn', text(`Signature algorithm ${sig.name} is not one Lync Server 2013 documents (SHA-1/SHA-2 with RSA or ECDSA).`, `簽章演算法 ${sig.name} 不在 Lync Server 2013 文件列出的範圍內（RSA 或 ECDSA 搭配 SHA-1/SHA-2）。`), CERT_SOURCES.signature)
  }
  return rule('signature-algorithm', 'pass', text(`Signed with ${sig.name}; no SHA-1 in the intermediates.`, `以 ${sig.name} 簽署；中繼憑證中沒有 SHA-1。`), CERT_SOURCES.signature)
}

function judgeChain(chain: ChainVerdict): CertRule {
  const path = chain.path.join(' → ')
  if (chain.status === 'untrusted') {
    return rule('chain-trusted', 'fail', text(`${chain.reason.en} Chain: ${path}.`, `${chain.reason['zh-TW']}鏈結：${path}。`), CERT_SOURCES.chain)
  }
  if (chain.anchor === 'self') {
    return rule(
      'chain-trusted',
      'fail',
      text(`Self-signed (${path}): no partner trusts it. DOC-CERT requires a public CA for the external edge certificate.`, `自我簽署（${path}）：沒有夥伴會信任它。DOC-CERT 要求外部 Edge 憑證由公用 CA 簽發。`),
      CERT_SOURCES.chain,
    )
  }
  if (chain.anchor === 'windows-store') {
    return rule(
      'chain-trusted',
      'warn',
      text(
        `Trusted by this server's machine store only (${path}): the root is not in the public set Node ships, so partners on the internet may not trust it.`,
        `只受本機電腦存放區信任（${path}）：此根憑證不在 Node 內附的公用根憑證中，網際網路上的夥伴可能不信任它。`,
      ),
      CERT_SOURCES.chain,
    )
  }
  if (chain.anchor === 'ca-file') {
    return rule(
      'chain-trusted',
      'warn',
      text(`Trusted only through --ca-file (${path}): partners on the internet trust public CAs, not yours.`, `只透過 --ca-file 信任（${path}）：網際網路上的夥伴信任的是公用 CA，而非您的 CA。`),
      CERT_SOURCES.chain,
    )
  }
  return rule('chain-trusted', 'pass', text(`Chains to a trusted root: ${path}.`, `可鏈結到受信任的根憑證：${path}。`), CERT_SOURCES.chain)
}

function judgePrivateKey(state: CertCheckInput['privateKey']): CertRule {
  if (state === 'present') return rule('private-key', 'pass', text('The file holds the private key.', '檔案中包含私密金鑰。'), CERT_SOURCES.key_present)
  if (state === 'absent') {
    return rule(
      'private-key',
      'fail',
      text(
        'The file holds no private key: the Edge cannot use the certificate. Export it again with "Yes, export the private key", or complete the pending request on the Edge that made it.',
        '檔案中沒有私密金鑰：Edge 無法使用此憑證。請重新匯出並選擇「是，匯出私密金鑰」，或在當初產生要求的 Edge 上完成擱置的要求。',
      ),
      CERT_SOURCES.key_present,
    )
  }
  return rule(
    'private-key',
    'skipped',
    text(
      'A .cer/.crt holds only the certificate: its key must be on the Edge that made the request (import the response there), or check the exported .pfx instead.',
      '.cer/.crt 只包含憑證：金鑰必須在產生要求的 Edge 上（請在該處匯入回應），或改為檢查匯出的 .pfx。',
    ),
    CERT_SOURCES.key_present,
  )
}

function judgeCrlDistributionPoint(leaf: CertificateFacts): CertRule {
  return leaf.hasCrlDistributionPoint
    ? rule('crl-distribution-point', 'pass', text('A CRL distribution point is present.', '包含 CRL 發佈點。'), CERT_SOURCES.cdp)
    : rule(
        'crl-distribution-point',
        'warn',
        text('No CRL distribution point: Lync requires one on every server certificate, and partners that check revocation may refuse the certificate.', '沒有 CRL 發佈點：Lync 要求每張伺服器憑證都要有，檢查撤銷狀態的夥伴可能會拒絕此憑證。'),
        CERT_SOURCES.cdp,
      )
}
