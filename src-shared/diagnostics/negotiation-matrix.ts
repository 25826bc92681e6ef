/**
 * Microsoft's table of TLS / SASL / dialback combinations for an XMPP partner, as data.
 * Source: DOC-NEG ("Negotiation settings for XMPP federated partners", JJ552456), the complete matrix.
 */
import { text, type Localized } from '../i18n/localized'

export type Negotiation = 'Required' | 'Optional' | 'NotSupported'

export interface NegotiationRow {
  readonly tls: Negotiation
  readonly sasl: Negotiation
  readonly dialback: boolean
  /** valid: a normal combination; warning: works with caveats; invalid: cannot negotiate. */
  readonly verdict: 'valid' | 'warning' | 'invalid'
  readonly expectedMethods: string
  readonly note: Localized | null
}

const SASL_NEEDS_TLS = text(
  'SASL requires TLS. Allowing TLS to be optional may result in failed session negotiations.',
  'SASL 需要 TLS。將 TLS 設為選用可能導致工作階段交涉失敗。',
)
const SASL_OR_DIALBACK = text('SASL or Dialback must be enabled.', '必須啟用 SASL 或回撥（Dialback）。')

function row(
  tls: Negotiation,
  sasl: Negotiation,
  dialback: boolean,
  verdict: NegotiationRow['verdict'],
  expectedMethods: string,
  note: Localized | null,
): NegotiationRow {
  return { tls, sasl, dialback, verdict, expectedMethods, note }
}

/** All 18 rows of DOC-NEG's complete matrix, in its order. */
export const NEGOTIATION_MATRIX: readonly NegotiationRow[] = [
  row('Required', 'Required', true, 'warning', 'SASL over TLS', text('Dialback will not operate if both SASL and TLS are required.', '同時要求 SASL 與 TLS 時，回撥不會運作。')),
  row('Required', 'Required', false, 'valid', 'SASL over TLS', null),
  row('Optional', 'Required', true, 'warning', 'SASL over TLS, TLS Dialback, TCP Dialback', SASL_NEEDS_TLS),
  row('Optional', 'Required', false, 'warning', 'SASL over TLS', SASL_NEEDS_TLS),
  row('NotSupported', 'Required', true, 'warning', 'TCP Dialback', SASL_NEEDS_TLS),
  row('NotSupported', 'Required', false, 'invalid', 'Not Valid Configuration', text('Because SASL requires TLS, and TLS is not available, SASL/TLS cannot succeed. TCP Dialback is set to false, and cannot be used.', '因為 SASL 需要 TLS，而 TLS 不可用，SASL/TLS 無法成功；TCP 回撥設為 false，也無法使用。')),
  row('Required', 'Optional', true, 'valid', 'SASL over TLS, TLS Dialback', null),
  row('Required', 'Optional', false, 'valid', 'SASL over TLS', null),
  row('Optional', 'Optional', true, 'warning', 'SASL over TLS, TLS Dialback, TCP Dialback', SASL_NEEDS_TLS),
  row('Optional', 'Optional', false, 'warning', 'SASL over TLS', SASL_NEEDS_TLS),
  row('NotSupported', 'Optional', true, 'warning', 'TCP Dialback', SASL_NEEDS_TLS),
  row('NotSupported', 'Optional', false, 'invalid', 'Not Valid Configuration', SASL_NEEDS_TLS),
  row('Required', 'NotSupported', true, 'valid', 'TLS Dialback', text('Configuration allows for TLS Dialback.', '此設定允許 TLS 回撥。')),
  row('Required', 'NotSupported', false, 'invalid', 'Not Valid Configuration', SASL_OR_DIALBACK),
  row('Optional', 'NotSupported', true, 'valid', 'TLS Dialback, TCP Dialback', text('Based on negotiation choices of the other end point, TCP or TLS Dialback will be accepted.', '視另一端的交涉選擇，將接受 TCP 或 TLS 回撥。')),
  row('Optional', 'NotSupported', false, 'invalid', 'Not Valid Configuration', SASL_OR_DIALBACK),
  row('NotSupported', 'NotSupported', true, 'valid', 'TCP Dialback', text('TCP Dialback is the only negotiation method available.', 'TCP 回撥是唯一可用的交涉方式。')),
  row('NotSupported', 'NotSupported', false, 'invalid', 'Not Valid Configuration', SASL_OR_DIALBACK),
]

/** The matrix row for a partner's settings. */
export function findNegotiationRow(tls: Negotiation, sasl: Negotiation, dialback: boolean): NegotiationRow {
  const found = NEGOTIATION_MATRIX.find((r) => r.tls === tls && r.sasl === sasl && r.dialback === dialback)
  // The matrix is complete (3 × 3 × 2); a miss would be a bug in this table.
  if (!found) throw new Error(`negotiation matrix has no row for ${tls}/${sasl}/${dialback}`)
  return found
}
