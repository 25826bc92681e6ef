/**
 * The probe judges' shared messages (a probe that did not run, did not reach a server, or several domains folded
 * into one outcome), in both languages: a translator edits here.
 */
import { text, type Localized } from '../../i18n/localized'

export const PROBE_SHARED_MESSAGES = {
  noProbe: text(
    'No live probe ran. Run "xmpp-edge-doctor probe <domain>" or analyze with --probe.',
    '未執行即時探測。請執行「xmpp-edge-doctor probe <網域>」，或在 analyze 時加上 --probe。',
  ),
  /** Several domains folded into one outcome: each named domain's summary, and how many more share the status. */
  combined: (named: readonly { readonly domain: string; readonly summary: Localized }[], more: number) =>
    text(
      named.map(({ domain, summary }) => `${domain}: ${summary.en}`).join(' ') + (more > 0 ? ` (+${more} more domain(s))` : ''),
      named.map(({ domain, summary }) => `${domain}: ${summary['zh-TW']}`).join(' ') + (more > 0 ? `（另有 ${more} 個網域）` : ''),
    ),
  notApplicable: text('The domain offers no XMPP server-to-server service.', '此網域不提供 XMPP 伺服器對伺服器服務。'),
  nothingProbed: (domain: string, cut: Localized | null) =>
    text(
      `The probe of ${domain} ended before it reached a server${cut ? `: ${cut.en} cut it short, which proves nothing about the domain` : ''}.`,
      `${domain} 的探測在連到伺服器前就結束了${cut ? `：受${cut['zh-TW']}截斷，這無法證明此網域的狀態` : ''}。`,
    ),
}
