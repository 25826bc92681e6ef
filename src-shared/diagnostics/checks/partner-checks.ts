/**
 * XMPP partners: at least one configured (and the one the user asked about), a negotiation combination that
 * Microsoft's matrix calls valid, and no partner that no longer exists (Google Talk).
 * PS/Get-CsXmppAllowedPartner, PS/New-CsXmppAllowedPartner, DOC-NEG, DOMAIN-FACTS §5 causes 10, 11, 15.
 */
import type { CheckDefinition, CheckOutcome, EvidenceItem } from '../check-types'
import type { NegotiationSetting, ReadCut, XmppPartner } from '../../evidence/evidence-model'
import { text, type Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { newXmppPartner, removeXmppPartner, setXmppPartner } from '../../commands/fix-commands'
import { findNegotiationRow, type Negotiation } from '../negotiation-matrix'
import { cutMayHide, cutOf, describeCut, unknownBecause } from '../evidence-access'

function settingText(value: NegotiationSetting | null): string {
  if (value === null) return ''
  return typeof value === 'string' ? value : `${value.raw} (raw)`
}

function partnerEvidence(p: XmppPartner): EvidenceItem {
  return {
    source: 'xmpp-partners.json',
    text: `Identity=${p.identity}  PartnerType=${p.partnerType ?? ''}  TlsNegotiation=${settingText(p.tlsNegotiation)}  SaslNegotiation=${settingText(p.saslNegotiation)}  SupportDialbackNegotiation=${p.supportDialbackNegotiation}${p.additionalDomains.length > 0 ? `  AdditionalDomains=${p.additionalDomains.join(',')}` : ''}`,
  }
}

function partnerDomains(p: XmppPartner): string[] {
  return [p.domain, ...p.additionalDomains].map((d) => d.toLowerCase())
}

/**
 * When the reading cap left partners out: an `unknown` that says so, with what was read. Used where the
 * partners read cannot prove the answer (a pass, or a warning when a failure may be among the others).
 */
function unknownByCut(cut: ReadCut, found: Localized, items: EvidenceItem[]): CheckOutcome {
  const note = describeCut('xmpp-partners.json', cut)
  return {
    status: 'unknown',
    summary: text(`Not verified: ${note.en} Among the partners read: ${found.en}`, `無法驗證：${note['zh-TW']}已讀取的夥伴中：${found['zh-TW']}`),
    evidence: items,
    fix: null,
  }
}

/** Google Talk's server-to-server federation ended on 26 June 2017 (DOMAIN-FACTS §5 cause 15). */
const GOOGLE_TALK_DOMAINS = ['gmail.com', 'googlemail.com', 'google.com', 'talk.google.com', 'gtalk.com']

export const xmppPartnerConfigured: CheckDefinition<'xmpp-partner-configured'> = {
  id: 'xmpp-partner-configured',
  group: 'partners',
  title: text('XMPP partner configured', '已設定 XMPP 夥伴'),
  explanation: text(
    'Users can only communicate with an XMPP network that is configured as an allowed partner.',
    '使用者只能與已設定為允許夥伴的 XMPP 網路通訊。',
  ),
  reads: ['xmpp-partners.json'],
  source: 'PS/Get-CsXmppAllowedPartner; PS/New-CsXmppAllowedPartner',
  evaluate: ({ evidence, partners }) => {
    if (evidence.xmppPartners.state !== 'collected') return unknownBecause('xmpp-partners.json', evidence.xmppPartners)
    const configured = evidence.xmppPartners.value
    const items = configured.map(partnerEvidence)
    const wanted = (partners ?? []).map((d) => d.toLowerCase())
    const newPartner = (domain: string | null) => newXmppPartner(domain, { tls: 'Optional', sasl: 'Optional', dialback: true })
    // The partners asked about are read first; an absence is proven only when every record was looked at.
    const cut = cutOf(evidence.xmppPartners)
    if (configured.length === 0 && cutMayHide(cut)) {
      return unknownByCut(cut, text('no partner with an Identity.', '沒有具 Identity 的夥伴。'), [])
    }
    if (configured.length === 0) {
      return {
        status: 'fail',
        summary: text('No XMPP partner is configured.', '尚未設定任何 XMPP 夥伴。'),
        evidence: [],
        fix: {
          description: text('Add the partner\'s domain as an allowed XMPP partner (choose TLS/SASL/dialback to match what the partner supports).', '將夥伴的網域新增為允許的 XMPP 夥伴（依夥伴支援的方式選擇 TLS/SASL/回撥）。'),
          ...fixCommands(newPartner(wanted[0] ?? null)),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    const absent = wanted.filter((d) => !configured.some((p) => partnerDomains(p).includes(d)))
    if (absent.length > 0 && cutMayHide(cut)) {
      return unknownByCut(cut, text(`not found: ${absent.join(', ')}.`, `找不到：${absent.join('、')}。`), items.slice(0, 20))
    }
    if (absent.length > 0) {
      return {
        status: 'fail',
        summary: text(`Not configured as an XMPP partner: ${absent.join(', ')}.`, `未設定為 XMPP 夥伴：${absent.join('、')}。`),
        evidence: items,
        fix: {
          description: text('Add the partner (or add its domain to an existing partner\'s AdditionalDomains).', '新增此夥伴（或將其網域加入現有夥伴的 AdditionalDomains）。'),
          ...fixCommands(...absent.map(newPartner)),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    const shown = configured.slice(0, 20).map((p) => p.domain)
    const more = configured.length > shown.length ? ` …` : ''
    return {
      status: 'pass',
      summary: text(
        `${cut ? cut.total : configured.length} partner(s): ${shown.join(', ')}${more}.`,
        `${cut ? cut.total : configured.length} 個夥伴：${shown.join('、')}${more}。`,
      ),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppPartnerNegotiationValid: CheckDefinition<'xmpp-partner-negotiation-valid'> = {
  id: 'xmpp-partner-negotiation-valid',
  group: 'partners',
  title: text('Partner TLS / SASL / dialback settings valid', '夥伴的 TLS / SASL / 回撥設定有效'),
  explanation: text(
    'Not every combination of TlsNegotiation, SaslNegotiation and SupportDialbackNegotiation can negotiate a session; Microsoft\'s matrix lists the valid ones.',
    'TlsNegotiation、SaslNegotiation 與 SupportDialbackNegotiation 並非每種組合都能交涉出工作階段；Microsoft 的對照表列出了有效的組合。',
  ),
  reads: ['xmpp-partners.json'],
  source: 'DOC-NEG; DOC-PARTNERUI',
  evaluate: ({ evidence }) => {
    if (evidence.xmppPartners.state !== 'collected') return unknownBecause('xmpp-partners.json', evidence.xmppPartners)
    const partners = evidence.xmppPartners.value
    const cut = cutOf(evidence.xmppPartners)
    if (partners.length === 0 && cut) return unknownByCut(cut, text('no partner with an Identity.', '沒有具 Identity 的夥伴。'), [])
    if (partners.length === 0) {
      return { status: 'skipped', summary: text('No partner to check.', '沒有可檢查的夥伴。'), evidence: [], fix: null }
    }
    const invalid: string[] = []
    const warnings: string[] = []
    const unreadable: string[] = []
    const items: EvidenceItem[] = []
    for (const p of partners) {
      items.push(partnerEvidence(p))
      const tls = p.tlsNegotiation
      const sasl = p.saslNegotiation
      if (typeof tls !== 'string' || typeof sasl !== 'string' || p.supportDialbackNegotiation === null) {
        // PS 5.1 wrote the enum as a number whose meaning is not documented: we do not guess.
        unreadable.push(p.domain)
        continue
      }
      const matrixRow = findNegotiationRow(tls as Negotiation, sasl as Negotiation, p.supportDialbackNegotiation)
      items.push({
        source: 'DOC-NEG',
        text: `${p.domain}: ${tls}/${sasl}/${p.supportDialbackNegotiation} → ${matrixRow.expectedMethods}${matrixRow.note ? ` — ${matrixRow.note.en}` : ''}`,
      })
      if (matrixRow.verdict === 'invalid') invalid.push(p.domain)
      else if (matrixRow.verdict === 'warning') warnings.push(p.domain)
    }
    const fixFor = (domain: string) => ({
      description: text(
        'Pick a valid combination that the partner supports; Optional TLS and SASL with dialback allowed is the most tolerant.',
        '選擇夥伴支援的有效組合；TLS 與 SASL 設為選用並允許回撥是相容性最高的設定。',
      ),
      ...fixCommands(setXmppPartner(domain, { tls: 'Optional', sasl: 'Optional', dialback: true })),
      runOn: 'front-end' as const,
      changesServer: true,
    })
    if (invalid.length > 0) {
      return {
        status: 'fail',
        summary: text(`Not a valid configuration: ${invalid.join(', ')}.`, `無效的設定：${invalid.join('、')}。`),
        evidence: items,
        fix: fixFor(invalid[0] ?? ''),
      }
    }
    if (cut) {
      // An invalid partner may be among those the cap left out (the partners asked about were read first).
      const found = warnings.length > 0
        ? text(`valid but with caveats: ${warnings.join(', ')}.`, `有效但有注意事項：${warnings.join('、')}。`)
        : text('no invalid combination.', '沒有無效的組合。')
      return unknownByCut(cut, found, items.slice(0, 40))
    }
    if (unreadable.length > 0) {
      return {
        status: 'unknown',
        summary: text(
          `The negotiation settings of ${unreadable.join(', ')} were collected as numbers, whose meaning is not documented. Re-collect with the bundled script, which records the names.`,
          `${unreadable.join('、')} 的交涉設定以數字形式收集，其意義沒有文件說明。請以隨附的指令碼重新收集，它會記錄名稱。`,
        ),
        evidence: items,
        fix: null,
      }
    }
    if (warnings.length > 0) {
      return {
        status: 'warn',
        summary: text(`Valid but with caveats (see DOC-NEG notes): ${warnings.join(', ')}.`, `有效但有注意事項（見交涉設定說明）：${warnings.join('、')}。`),
        evidence: items,
        fix: fixFor(warnings[0] ?? ''),
      }
    }
    return { status: 'pass', summary: text('All partner settings are valid combinations.', '所有夥伴設定都是有效的組合。'), evidence: items, fix: null }
  },
}

export const xmppPartnerNotObsolete: CheckDefinition<'xmpp-partner-not-obsolete'> = {
  id: 'xmpp-partner-not-obsolete',
  group: 'partners',
  title: text('No partner that no longer federates', '沒有已停止同盟的夥伴'),
  explanation: text(
    'Google Talk was the partner Microsoft tested, but Google ended XMPP federation with other services on 26 June 2017. Such a partner entry can never work.',
    'Google Talk 曾是 Microsoft 測試過的夥伴，但 Google 已於 2017 年 6 月 26 日終止與其他服務的 XMPP 同盟。這類夥伴項目永遠無法運作。',
  ),
  reads: ['xmpp-partners.json'],
  source: 'DOMAIN-FACTS §5 cause 15; DOC-GTALK',
  evaluate: ({ evidence }) => {
    if (evidence.xmppPartners.state !== 'collected') return unknownBecause('xmpp-partners.json', evidence.xmppPartners)
    const obsolete = evidence.xmppPartners.value.filter((p) => partnerDomains(p).some((d) => GOOGLE_TALK_DOMAINS.includes(d)))
    const cut = cutOf(evidence.xmppPartners)
    if (obsolete.length === 0 && cut) return unknownByCut(cut, text('no Google Talk partner.', '沒有 Google Talk 夥伴。'), [])
    if (obsolete.length === 0) {
      return { status: 'pass', summary: text('No Google Talk partner.', '沒有 Google Talk 夥伴。'), evidence: [], fix: null }
    }
    return {
      status: 'warn',
      summary: text(
        `${obsolete.map((p) => p.domain).join(', ')}: Google Talk no longer federates over XMPP (since 26 June 2017).`,
        `${obsolete.map((p) => p.domain).join('、')}：Google Talk 自 2017 年 6 月 26 日起已不再以 XMPP 同盟。`,
      ),
      evidence: obsolete.map(partnerEvidence),
      fix: {
        description: text('Remove the partner entry; tell users to use another channel.', '移除此夥伴項目，並告知使用者改用其他管道。'),
        ...fixCommands(...obsolete.map((p) => removeXmppPartner(p.identity))),
        runOn: 'front-end',
        changesServer: true,
      },
    }
  },
}
