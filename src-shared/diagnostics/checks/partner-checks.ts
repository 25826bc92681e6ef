/**
 * XMPP partners: at least one configured (and the one the user asked about), a negotiation combination that
 * Microsoft's matrix calls valid, and no partner that no longer exists (Google Talk).
 * PS/Get-CsXmppAllowedPartner, PS/New-CsXmppAllowedPartner, DOC-NEG, DOMAIN-FACTS §5 causes 10, 11, 15.
 */
import type { CheckDefinition, CheckOutcome, EvidenceItem } from '../check-types'
import type { NegotiationSetting, ReadCut, XmppPartner } from '../../evidence/evidence-model'
import type { Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { newXmppPartner, removeXmppPartner, setXmppPartner } from '../../commands/fix-commands'
import { findNegotiationRow, type Negotiation } from '../negotiation-matrix'
import { cutMayHide, cutOf, describeCut, unknownBecause } from '../evidence-access'
import {
  PARTNER_CONFIGURED_MESSAGES as CONFIGURED,
  PARTNER_CUT_MESSAGES as CUT,
  PARTNER_NEGOTIATION_MESSAGES as NEGOTIATION,
  PARTNER_OBSOLETE_MESSAGES as OBSOLETE,
} from './partner-messages'

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
    summary: CUT.notVerified(note, found),
    evidence: items,
    fix: null,
  }
}

/** Google Talk's server-to-server federation ended on 26 June 2017 (DOMAIN-FACTS §5 cause 15). */
const GOOGLE_TALK_DOMAINS = ['gmail.com', 'googlemail.com', 'google.com', 'talk.google.com', 'gtalk.com']

export const xmppPartnerConfigured: CheckDefinition<'xmpp-partner-configured'> = {
  id: 'xmpp-partner-configured',
  group: 'partners',
  title: CONFIGURED.title,
  explanation: CONFIGURED.explanation,
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
      return unknownByCut(cut, CUT.noPartnerRead, [])
    }
    if (configured.length === 0) {
      return {
        status: 'fail',
        summary: CONFIGURED.none,
        evidence: [],
        fix: {
          description: CONFIGURED.addPartnerFix,
          ...fixCommands(newPartner(wanted[0] ?? null)),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    const absent = wanted.filter((d) => !configured.some((p) => partnerDomains(p).includes(d)))
    if (absent.length > 0 && cutMayHide(cut)) {
      return unknownByCut(cut, CONFIGURED.notFoundAmongRead(absent), items.slice(0, 20))
    }
    if (absent.length > 0) {
      return {
        status: 'fail',
        summary: CONFIGURED.notConfigured(absent),
        evidence: items,
        fix: {
          description: CONFIGURED.addMissingFix,
          ...fixCommands(...absent.map(newPartner)),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    const shown = configured.slice(0, 20).map((p) => p.domain)
    return {
      status: 'pass',
      summary: CONFIGURED.configured(cut ? cut.total : configured.length, shown, configured.length > shown.length),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppPartnerNegotiationValid: CheckDefinition<'xmpp-partner-negotiation-valid'> = {
  id: 'xmpp-partner-negotiation-valid',
  group: 'partners',
  title: NEGOTIATION.title,
  explanation: NEGOTIATION.explanation,
  reads: ['xmpp-partners.json'],
  source: 'DOC-NEG; DOC-PARTNERUI',
  evaluate: ({ evidence }) => {
    if (evidence.xmppPartners.state !== 'collected') return unknownBecause('xmpp-partners.json', evidence.xmppPartners)
    const partners = evidence.xmppPartners.value
    const cut = cutOf(evidence.xmppPartners)
    if (partners.length === 0 && cut) return unknownByCut(cut, CUT.noPartnerRead, [])
    if (partners.length === 0) return { status: 'skipped', summary: NEGOTIATION.nothingToCheck, evidence: [], fix: null }
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
      description: NEGOTIATION.tolerantFix,
      ...fixCommands(setXmppPartner(domain, { tls: 'Optional', sasl: 'Optional', dialback: true })),
      runOn: 'front-end' as const,
      changesServer: true,
    })
    if (invalid.length > 0) {
      return { status: 'fail', summary: NEGOTIATION.invalid(invalid), evidence: items, fix: fixFor(invalid[0] ?? '') }
    }
    if (cut) {
      // An invalid partner may be among those the cap left out (the partners asked about were read first).
      return unknownByCut(cut, warnings.length > 0 ? NEGOTIATION.caveatsAmongRead(warnings) : NEGOTIATION.noInvalidAmongRead, items.slice(0, 40))
    }
    if (unreadable.length > 0) {
      return { status: 'unknown', summary: NEGOTIATION.unreadable(unreadable), evidence: items, fix: null }
    }
    if (warnings.length > 0) {
      return { status: 'warn', summary: NEGOTIATION.caveats(warnings), evidence: items, fix: fixFor(warnings[0] ?? '') }
    }
    return { status: 'pass', summary: NEGOTIATION.allValid, evidence: items, fix: null }
  },
}

export const xmppPartnerNotObsolete: CheckDefinition<'xmpp-partner-not-obsolete'> = {
  id: 'xmpp-partner-not-obsolete',
  group: 'partners',
  title: OBSOLETE.title,
  explanation: OBSOLETE.explanation,
  reads: ['xmpp-partners.json'],
  source: 'DOMAIN-FACTS §5 cause 15; DOC-GTALK',
  evaluate: ({ evidence }) => {
    if (evidence.xmppPartners.state !== 'collected') return unknownBecause('xmpp-partners.json', evidence.xmppPartners)
    const obsolete = evidence.xmppPartners.value.filter((p) => partnerDomains(p).some((d) => GOOGLE_TALK_DOMAINS.includes(d)))
    const cut = cutOf(evidence.xmppPartners)
    if (obsolete.length === 0 && cut) return unknownByCut(cut, OBSOLETE.noGoogleTalkAmongRead, [])
    if (obsolete.length === 0) return { status: 'pass', summary: OBSOLETE.noGoogleTalk, evidence: [], fix: null }
    return {
      status: 'warn',
      summary: OBSOLETE.googleTalk(obsolete.map((p) => p.domain)),
      evidence: obsolete.map(partnerEvidence),
      fix: {
        description: OBSOLETE.removeFix,
        ...fixCommands(...obsolete.map((p) => removeXmppPartner(p.identity))),
        runOn: 'front-end',
        changesServer: true,
      },
    }
  },
}
