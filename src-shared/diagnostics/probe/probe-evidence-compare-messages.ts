/**
 * Every message of the probe-beside-evidence comparisons (probe-evidence-compare.ts), in both languages: a
 * translator edits here, and the comparisons read as logic.
 */
import { text, type Localized } from '../../i18n/localized'

export const CERTIFICATE_AS_PRESENTED_MESSAGES = {
  nothingConfigured: text('The evidence has no external Edge certificate to compare with.', '證據中沒有可比較的外部 Edge 憑證。'),
  nothingPresented: text('The probe saw no certificate to compare with.', '探測沒有看到可比較的憑證。'),
  match: text('Port 5269 presents the certificate the Edge has assigned.', '連接埠 5269 出示的正是 Edge 指派的憑證。'),
  mismatch: (target: string, thumbprint: string) =>
    text(
      `${target} presents a different certificate (${thumbprint}) than the one assigned on the Edge: the services were not restarted after the certificate was assigned, or DNS/NAT leads to another server.`,
      `${target} 出示的憑證（${thumbprint}）與 Edge 指派的不同：指派憑證後未重新啟動服務，或 DNS/NAT 導向了另一台伺服器。`,
    ),
  restartFix: text(
    'Restart the Lync services on the Edge so the XMPP proxy loads the assigned certificate (DOC-SETUP step 22), then probe again; if it still differs, check where the SRV target and NAT lead.',
    '在 Edge 上重新啟動 Lync 服務，讓 XMPP Proxy 載入已指派的憑證（DOC-SETUP 步驟 22），然後再次探測；若仍不同，請檢查 SRV 目標與 NAT 導向何處。',
  ),
}

export const SRV_AS_PUBLISHED_MESSAGES = {
  noAccessEdgeName: text('The evidence does not name the Access Edge external FQDN.', '證據中沒有 Access Edge 外部 FQDN。'),
  /** No answer is not "no record": which, so nobody reads a timeout as a missing SRV record. */
  unanswered: (why: Localized) => text(`Nothing to compare: ${why.en}.`, `無可比較的內容：${why['zh-TW']}。`),
  noRecord: (query: string) => text(`${query} has no record to compare with.`, `${query} 沒有可比較的記錄。`),
  match: (target: string | undefined, port: number) =>
    text(`The SRV record points at the Access Edge (${target}:${port}).`, `SRV 記錄指向 Access Edge（${target}:${port}）。`),
  mismatch: (records: readonly { readonly target: string; readonly port: number }[], fqdns: readonly string[], port: number) =>
    text(
      `The SRV record points at ${records.map((r) => `${r.target}:${r.port}`).join(', ')}, but the topology's Access Edge is ${fqdns.join(', ')} on port ${port}.`,
      `SRV 記錄指向 ${records.map((r) => `${r.target}:${r.port}`).join('、')}，但拓撲中的 Access Edge 是 ${fqdns.join('、')}，連接埠 ${port}。`,
    ),
}
