/** Words the CLI, the app and the reports share: group names, statuses, verdicts, labels. */
import type { CheckGroup, CheckStatus, FixLocation } from '../diagnostics/check-types'
import type { Verdict } from '../result/diagnosis-result'
import { text, type Localized } from './localized'

export const GROUP_TITLES: Readonly<Record<CheckGroup, Localized>> = {
  services: text('Services', '服務'),
  ports: text('Ports', '連接埠'),
  topology: text('Topology and replication', '拓撲與複寫'),
  certificates: text('Certificates', '憑證'),
  dns: text('DNS', 'DNS'),
  policies: text('Federation and policies', '同盟與原則'),
  partners: text('XMPP partners', 'XMPP 夥伴'),
  events: text('Event log', '事件記錄'),
  host: text('Host', '主機'),
  probe: text('Live probe (what a partner sees)', '即時探測（夥伴看到的情況）'),
}

export const STATUS_WORDS: Readonly<Record<CheckStatus, Localized>> = {
  pass: text('passed', '通過'),
  warn: text('warning', '警告'),
  fail: text('failed', '失敗'),
  unknown: text('not verified', '未驗證'),
  // Not "not applicable": a skipped check is seen from the other server, or by a live probe that did not run.
  skipped: text('not checked here', '此處未檢查'),
}

export const VERDICT_WORDS: Readonly<Record<Verdict, Localized>> = {
  healthy: text('Healthy', '正常'),
  problems: text('Problems found', '發現問題'),
  incomplete: text('Incomplete: not everything could be verified', '未完成：部分項目無法驗證'),
}

/**
 * Added to "Healthy" when checks warned: a healthy verdict beside a warning (a site policy blocking some users, a
 * year-old error) must not read as "nothing to do". Null when there is nothing to add.
 */
export function healthyWarningsNote(verdict: Verdict, warnings: number): Localized | null {
  if (verdict !== 'healthy' || warnings === 0) return null
  return text(`, with ${warnings} warning(s) to read (marked !)`, `，但有 ${warnings} 項警告需要查看（標示為 !）`)
}

export const RUN_ON_WORDS: Readonly<Record<FixLocation, Localized>> = {
  edge: text('on the Edge Server', '在 Edge 伺服器上'),
  'front-end': text('in the Lync Server Management Shell on a Front End', '在前端伺服器的 Lync Server 管理命令介面中'),
  'topology-builder': text('in Topology Builder / on a Front End', '在拓撲產生器／前端伺服器上'),
  'public-dns': text('in the public DNS zone', '在公用 DNS 區域中'),
  partner: text('by the partner\'s administrator', '由夥伴的系統管理員'),
  'certificate-authority': text('with your certificate authority', '向您的憑證授權單位'),
  any: text('on the server', '在伺服器上'),
}

export const LABELS = {
  rootCause: text('Root cause', '根本原因'),
  nextStep: text('Next step', '下一步'),
  question: text('Question', '問題'),
  path: text('Path through the troubleshooting tree', '疑難排解樹狀圖的路徑'),
  changesServer: text('changes the server: run it only after you have read it', '會變更伺服器：請先閱讀再執行'),
  readOnly: text('read-only', '唯讀'),
  answerWith: text('Answer with', '回答方式'),
  collected: text('collected', '收集於'),
  summary: text('Summary', '摘要'),
  noDomain: text('no domain', '無網域'),
} as const
