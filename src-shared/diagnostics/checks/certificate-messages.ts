/**
 * Every message of the certificate checks (certificate-checks.ts), in both languages: a translator edits here, and
 * the checks read as logic.
 */
import { text } from '../../i18n/localized'
import { formatTime } from '../../text/format-time'

export const CERTIFICATE_FIX_MESSAGES = {
  replaceCertificate: text(
    'Request a new external edge certificate (Deployment Wizard on the Edge → Step 3: Request, Install, or Assign Certificates → External Edge certificate), include sip.<domain> and <domain> as subject alternative names, assign it, then restart the Edge services.',
    '申請新的外部 Edge 憑證（Edge 上的部署精靈 → 步驟 3：要求、安裝或指派憑證 → 外部 Edge 憑證），主體別名須包含 sip.<網域> 與 <網域>，指派後重新啟動 Edge 服務。',
  ),
}

export const CERTIFICATE_VALID_MESSAGES = {
  title: text('External edge certificate present and in date', '外部 Edge 憑證存在且在有效期內'),
  explanation: text(
    'Partners negotiate TLS with the certificate assigned to the Access Edge external interface (Use AccessEdgeExternal). The services load it only when they start.',
    '夥伴會使用指派給 Access Edge 外部介面的憑證（用途 AccessEdgeExternal）進行 TLS 交涉。服務只在啟動時載入憑證。',
  ),
  noneAssigned: text('No certificate is assigned to AccessEdgeExternal.', '沒有任何憑證指派給 AccessEdgeExternal。'),
  expired: (notAfter: string | null | undefined) =>
    text(`The external edge certificate expired on ${formatTime(notAfter)}.`, `外部 Edge 憑證已於 ${formatTime(notAfter)} 到期。`),
  notYetValid: (notBefore: string | null | undefined) =>
    text(`The external edge certificate is not valid before ${notBefore}.`, `外部 Edge 憑證在 ${notBefore} 之前無效。`),
  proxyStartedBefore: (startedAt: string, notBefore: string | null) =>
    text(
      `The XMPP proxy process started at ${startedAt}, before this certificate was issued (${notBefore}): it cannot be using it. Restart the Edge services after assigning a certificate.`,
      `XMPP Proxy 處理程序於 ${startedAt} 啟動，早於此憑證的發行時間（${notBefore}）：它不可能正在使用此憑證。指派憑證後請重新啟動 Edge 服務。`,
    ),
  restartFix: text(
    'Restart the Lync services on the Edge so they load the assigned certificate (Setting up step 22).',
    '重新啟動 Edge 上的 Lync 服務，讓服務載入已指派的憑證（設定步驟 22）。',
  ),
  expiresSoon: (days: number, notAfter: string | null | undefined) =>
    text(
      `The external edge certificate expires in ${days} day(s) (${formatTime(notAfter)}).`,
      `外部 Edge 憑證將在 ${days} 天後到期（${formatTime(notAfter)}）。`,
    ),
  valid: (notAfters: readonly (string | null)[], restartedAt: string | null) =>
    text(
      `Valid until ${notAfters.map(formatTime).join(', ')}.${restartedAt ? ` The XMPP proxy process started after it was issued (${formatTime(restartedAt)}), so it has loaded it.` : ''}`,
      `有效期限至 ${notAfters.map(formatTime).join('、')}。${restartedAt ? `XMPP Proxy 處理程序在憑證發行之後啟動（${formatTime(restartedAt)}），因此已載入此憑證。` : ''}`,
    ),
}

export const CERTIFICATE_NAMES_MESSAGES = {
  title: text('Certificate names cover the XMPP domains', '憑證名稱涵蓋 XMPP 網域'),
  explanation: text(
    'XMPP partners check the certificate against the bare domain (contoso.com), not the host name (RFC 6125/7590). The external edge certificate needs <domain> and sip.<domain> for every XMPP domain, and the Access Edge external FQDN of this Edge\'s own pool (other pools\' names belong on their own certificates).',
    'XMPP 夥伴會以網域本身（例如 contoso.com）而非主機名稱驗證憑證（RFC 6125/7590）。外部 Edge 憑證必須包含每個 XMPP 網域的 <網域> 與 sip.<網域>，以及此 Edge 所屬集區的 Access Edge 外部 FQDN（其他集區的名稱屬於它們自己的憑證）。',
  ),
  noDomain: text('No domain to check: pass --domain or collect with -Domain.', '沒有可檢查的網域：請指定 --domain，或在收集時使用 -Domain。'),
  notCovered: (missing: readonly string[]) =>
    text(`The external edge certificate does not cover: ${missing.join(', ')}.`, `外部 Edge 憑證未涵蓋：${missing.join('、')}。`),
  coversAnyPool: (required: readonly string[], named: readonly string[]) =>
    text(
      `Covers ${required.join(', ')} and ${named.join(', ')} (this Edge's pool was not recorded, so any pool's Access Edge name is accepted).`,
      `涵蓋 ${required.join('、')} 與 ${named.join('、')}（未記錄此 Edge 所屬的集區，因此接受任一集區的 Access Edge 名稱）。`,
    ),
  covers: (required: readonly string[]) => text(`Covers ${required.join(', ')}.`, `涵蓋 ${required.join('、')}。`),
}

export const ROOT_STORE_MESSAGES = {
  title: text('Trusted Root store healthy', '受信任的根憑證存放區正常'),
  explanation: text(
    'Too many certificates (over 100) or non-self-signed certificates in the Trusted Root store break MTLS between Front End and Edge.',
    '受信任的根憑證存放區中憑證過多（超過 100 張）或含有非自我簽署的憑證，會使前端與 Edge 之間的 MTLS 失敗。',
  ),
  tooMany: (count: number, max: number) =>
    text(`${count} certificates in the Trusted Root store (more than ${max}).`, `受信任的根憑證存放區中有 ${count} 張憑證（超過 ${max} 張）。`),
  pruneFix: text(
    'Remove root certificates this server does not need, and move intermediate certificates to the Intermediate Certification Authorities store.',
    '移除此伺服器不需要的根憑證，並將中繼憑證移至「中繼憑證授權單位」存放區。',
  ),
  misplaced: (count: number) =>
    text(`${count} non-self-signed certificate(s) in the Trusted Root store.`, `受信任的根憑證存放區中有 ${count} 張非自我簽署的憑證。`),
  moveFix: text(
    'Move intermediate (non-self-signed) certificates to the Intermediate Certification Authorities store.',
    '將中繼（非自我簽署）憑證移至「中繼憑證授權單位」存放區。',
  ),
  healthy: (count: number) => text(`${count} certificates, all self-signed roots.`, `共 ${count} 張憑證，全部為自我簽署的根憑證。`),
}
