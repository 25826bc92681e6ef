/**
 * What an event of the "Lync Server" log means for XMPP: provider + event id → cause → check → fix, as data.
 *
 * Messages are localized, so events are matched by provider and id only, never by message text. No public
 * source we know of lists the event ids or even the exact provider names of the XMPP proxy/gateway
 * (DOMAIN-FACTS §4 marks both [U]), so the table below does not name ids it cannot cite: its entries match any
 * id from a provider whose name contains "XMPP", and the provider names are discovered from the evidence.
 * Add a specific { providerPattern, eventIds: [n] } row only with a source next to it.
 */
import type { CheckId, Fix } from './check-types'
import { text, type Localized } from '../i18n/localized'
import { fixCommands } from '../commands/command-model'
import { listXmppClsScenarios, listXmppEventProviders, startClsLogging } from '../commands/fix-commands'

/** Windows event levels (System.Diagnostics.Eventing.Reader.StandardEventLevel): 1 Critical, 2 Error, 3 Warning. */
export const EVENT_LEVEL_CRITICAL = 1
export const EVENT_LEVEL_ERROR = 2
export const EVENT_LEVEL_WARNING = 3

export interface EventSignature {
  readonly key: string
  /** Case-insensitive regular expression source matched against ProviderName. */
  readonly providerPattern: string
  /** Specific ids (each with a cited source), or 'any'. */
  readonly eventIds: readonly number[] | 'any'
  readonly levels: readonly number[]
  readonly cause: Localized
  /** The checks that usually explain such an event: the tree looks at these. */
  readonly relatedChecks: readonly CheckId[]
  readonly fix: Fix | null
  readonly source: string
}

const CLS_FIX: Fix = {
  description: text(
    'Read the full event text in Event Viewer (Applications and Services Logs → Lync Server). For a trace, find the XMPP logging scenario and start it with the Centralized Logging Service.',
    '在事件檢視器（應用程式及服務記錄檔 → Lync Server）中閱讀完整事件內容。若需要追蹤，請找出 XMPP 記錄案例並以集中式記錄服務啟動。',
  ),
  ...fixCommands(listXmppEventProviders(), listXmppClsScenarios(), startClsLogging()),
  runOn: 'edge',
  changesServer: false,
}

export const EVENT_SIGNATURES: readonly EventSignature[] = [
  {
    key: 'xmpp-component-error',
    providerPattern: 'xmpp',
    eventIds: 'any',
    // The collector reads levels 1-3: a Critical event is an error too, never ignored.
    levels: [EVENT_LEVEL_CRITICAL, EVENT_LEVEL_ERROR],
    cause: text(
      'The XMPP proxy or gateway logged an error. The most common reasons are a certificate whose names do not cover the domain, a stopped peer service, or a missing federation route.',
      'XMPP Proxy 或閘道記錄了錯誤。最常見的原因是憑證名稱未涵蓋網域、對端服務停止，或缺少同盟路由。',
    ),
    relatedChecks: ['xmpp-proxy-service-running', 'edge-certificate-names', 'xmpp-federation-route-assigned', 'xmpp-internal-port-listening'],
    fix: CLS_FIX,
    source: 'DOC-SETUP troubleshooting 5 and 12; DOMAIN-FACTS §4 (provider discovery)',
  },
  {
    key: 'xmpp-component-warning',
    providerPattern: 'xmpp',
    eventIds: 'any',
    levels: [EVENT_LEVEL_WARNING],
    cause: text(
      'The XMPP proxy or gateway logged a warning: often a partner that could not be reached or refused the connection.',
      'XMPP Proxy 或閘道記錄了警告：通常是無法連線或拒絕連線的夥伴。',
    ),
    relatedChecks: ['xmpp-partner-negotiation-valid', 'xmpp-srv-record'],
    fix: CLS_FIX,
    source: 'DOC-SETUP troubleshooting 12; DOMAIN-FACTS §4',
  },
]

/** The first signature an event matches, if any. */
export function matchEventSignature(providerName: string, id: number, level: number | null): EventSignature | undefined {
  return EVENT_SIGNATURES.find(
    (s) =>
      new RegExp(s.providerPattern, 'i').test(providerName) &&
      (s.eventIds === 'any' || s.eventIds.includes(id)) &&
      level !== null &&
      s.levels.includes(level),
  )
}
