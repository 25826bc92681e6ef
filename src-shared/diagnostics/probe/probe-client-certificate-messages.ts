/**
 * Every message of the client-certificate judge (probe-client-certificate-judge.ts), in both languages: a
 * translator edits here, and the judge reads as logic. What the partner sent is quoted as sent.
 */
import { text, type Localized } from '../../i18n/localized'

/** The domain we claimed ('from'), or words for none. */
const ourDomain = (from: string | null): Localized => text(from ?? 'our domain', from ?? '我方網域')

export const CLIENT_CERTIFICATE_MESSAGES = {
  /** `why`: how the target refused; `fromGiven`: whether the probe sent a 'from' domain. */
  refused: (domain: string, target: string, why: Localized, fromGiven: boolean) =>
    text(
      `${domain} does not accept our certificate as a client: ${target} ${why.en}.${fromGiven ? '' : " The probe sent no 'from' domain, so the partner could not match the certificate to one: give --from (our domain)."}`,
      `${domain} 不接受我方憑證作為用戶端身分：${target} ${why['zh-TW']}。${fromGiven ? '' : '探測沒有送出 from 網域，因此對方無法將憑證對應到網域：請以 --from 指定我方網域。'}`,
    ),
  notOffered: (target: string, from: string | null, dialback: boolean) =>
    text(
      `${target} did not offer SASL EXTERNAL after we presented our certificate: it did not verify the certificate for ${ourDomain(from).en} (a server offers EXTERNAL only then), or it does not do EXTERNAL at all.${dialback ? ' It offers dialback, which does not need our certificate.' : ' It offers no dialback either.'}`,
      `我方出示憑證後，${target} 沒有提供 SASL EXTERNAL：對方沒有驗證此憑證屬於 ${ourDomain(from)['zh-TW']}（伺服器只在驗證通過時提供 EXTERNAL），或根本不支援 EXTERNAL。${dialback ? '對方提供回撥（dialback），回撥不需要我方憑證。' : '對方也不提供回撥。'}`,
    ),
  unproven: (domain: string, target: string, why: Localized) =>
    text(
      `Whether ${domain} accepts our certificate is not known: ${target} ${why.en}.`,
      `無法得知 ${domain} 是否接受我方憑證：${target} ${why['zh-TW']}。`,
    ),
  accepted: (domain: string, targets: readonly string[], from: string | null) =>
    text(
      `${domain} accepts our certificate: SASL EXTERNAL as ${ourDomain(from).en} succeeded on ${targets.join(', ')}.`,
      `${domain} 接受我方憑證：在 ${targets.join('、')} 上以 ${ourDomain(from)['zh-TW']} 進行的 SASL EXTERNAL 成功。`,
    ),

  // How one target answered our certificate.
  saslFailure: (condition: string | null, said: string | null) =>
    text(
      `answered SASL EXTERNAL with <failure><${condition ?? 'undefined-condition'}/></failure>${said ? ` ("${said}")` : ''}`,
      `以 <failure><${condition ?? 'undefined-condition'}/></failure>${said ? `（「${said}」）` : ''} 回應 SASL EXTERNAL`,
    ),
  streamClosed: (condition: string, said: string | null) =>
    text(
      `closed the stream after our certificate with <${condition}/>${said ? ` ("${said}")` : ''}`,
      `在我方出示憑證後以 <${condition}/>${said ? `（「${said}」）` : ''} 關閉串流`,
    ),
  cutShort: (limit: Localized, step: string | null) =>
    text(`was cut short by ${limit.en} at ${step ?? 'a step'}`, `在 ${step ?? '某步驟'} 受${limit['zh-TW']}截斷`),
  /** `detail`: what the probe recorded (quoted as recorded), or null when it did not get as far as SASL. */
  notAsked: (detail: string | null) =>
    text(`was not asked (${detail ?? 'the probe did not get as far as SASL'})`, `未進行（${detail ?? '探測沒有進行到 SASL'}）`),
}
