/**
 * Every message of the partner checks (partner-checks.ts), in both languages: a translator edits here, and the
 * checks read as logic.
 */
import { text, type Localized } from '../../i18n/localized'

/** What every partner check says when the reading cap left partners out. */
export const PARTNER_CUT_MESSAGES = {
  notVerified: (note: Localized, found: Localized) =>
    text(`Not verified: ${note.en} Among the partners read: ${found.en}`, `無法驗證：${note['zh-TW']}已讀取的夥伴中：${found['zh-TW']}`),
  noPartnerRead: text('no partner with an Identity.', '沒有具 Identity 的夥伴。'),
}

export const PARTNER_CONFIGURED_MESSAGES = {
  title: text('XMPP partner configured', '已設定 XMPP 夥伴'),
  explanation: text(
    'Users can only communicate with an XMPP network that is configured as an allowed partner.',
    '使用者只能與已設定為允許夥伴的 XMPP 網路通訊。',
  ),
  none: text('No XMPP partner is configured.', '尚未設定任何 XMPP 夥伴。'),
  addPartnerFix: text(
    'Add the partner\'s domain as an allowed XMPP partner (choose TLS/SASL/dialback to match what the partner supports).',
    '將夥伴的網域新增為允許的 XMPP 夥伴（依夥伴支援的方式選擇 TLS/SASL/回撥）。',
  ),
  notFoundAmongRead: (absent: readonly string[]) => text(`not found: ${absent.join(', ')}.`, `找不到：${absent.join('、')}。`),
  notConfigured: (absent: readonly string[]) => text(`Not configured as an XMPP partner: ${absent.join(', ')}.`, `未設定為 XMPP 夥伴：${absent.join('、')}。`),
  addMissingFix: text('Add the partner (or add its domain to an existing partner\'s AdditionalDomains).', '新增此夥伴（或將其網域加入現有夥伴的 AdditionalDomains）。'),
  configured: (total: number, shown: readonly string[], more: boolean) =>
    text(`${total} partner(s): ${shown.join(', ')}${more ? ' …' : ''}.`, `${total} 個夥伴：${shown.join('、')}${more ? ' …' : ''}。`),
}

export const PARTNER_NEGOTIATION_MESSAGES = {
  title: text('Partner TLS / SASL / dialback settings valid', '夥伴的 TLS / SASL / 回撥設定有效'),
  explanation: text(
    'Not every combination of TlsNegotiation, SaslNegotiation and SupportDialbackNegotiation can negotiate a session; Microsoft\'s matrix lists the valid ones.',
    'TlsNegotiation、SaslNegotiation 與 SupportDialbackNegotiation 並非每種組合都能交涉出工作階段；Microsoft 的對照表列出了有效的組合。',
  ),
  nothingToCheck: text('No partner to check.', '沒有可檢查的夥伴。'),
  tolerantFix: text(
    'Pick a valid combination that the partner supports; Optional TLS and SASL with dialback allowed is the most tolerant.',
    '選擇夥伴支援的有效組合；TLS 與 SASL 設為選用並允許回撥是相容性最高的設定。',
  ),
  invalid: (domains: readonly string[]) => text(`Not a valid configuration: ${domains.join(', ')}.`, `無效的設定：${domains.join('、')}。`),
  caveatsAmongRead: (domains: readonly string[]) => text(`valid but with caveats: ${domains.join(', ')}.`, `有效但有注意事項：${domains.join('、')}。`),
  noInvalidAmongRead: text('no invalid combination.', '沒有無效的組合。'),
  unreadable: (domains: readonly string[]) =>
    text(
      `The negotiation settings of ${domains.join(', ')} were collected as numbers, whose meaning is not documented. Re-collect with the bundled script, which records the names.`,
      `${domains.join('、')} 的交涉設定以數字形式收集，其意義沒有文件說明。請以隨附的指令碼重新收集，它會記錄名稱。`,
    ),
  caveats: (domains: readonly string[]) =>
    text(`Valid but with caveats (see DOC-NEG notes): ${domains.join(', ')}.`, `有效但有注意事項（見交涉設定說明）：${domains.join('、')}。`),
  allValid: text('All partner settings are valid combinations.', '所有夥伴設定都是有效的組合。'),
}

export const PARTNER_OBSOLETE_MESSAGES = {
  title: text('No partner that no longer federates', '沒有已停止同盟的夥伴'),
  explanation: text(
    'Google Talk was the partner Microsoft tested, but Google ended XMPP federation with other services on 26 June 2017. Such a partner entry can never work.',
    'Google Talk 曾是 Microsoft 測試過的夥伴，但 Google 已於 2017 年 6 月 26 日終止與其他服務的 XMPP 同盟。這類夥伴項目永遠無法運作。',
  ),
  noGoogleTalkAmongRead: text('no Google Talk partner.', '沒有 Google Talk 夥伴。'),
  noGoogleTalk: text('No Google Talk partner.', '沒有 Google Talk 夥伴。'),
  googleTalk: (domains: readonly string[]) =>
    text(
      `${domains.join(', ')}: Google Talk no longer federates over XMPP (since 26 June 2017).`,
      `${domains.join('、')}：Google Talk 自 2017 年 6 月 26 日起已不再以 XMPP 同盟。`,
    ),
  removeFix: text('Remove the partner entry; tell users to use another channel.', '移除此夥伴項目，並告知使用者改用其他管道。'),
}
