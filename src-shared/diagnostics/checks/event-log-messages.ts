/**
 * Every message of the event log check (event-log-check.ts), in both languages: a translator edits here, and the
 * check reads as logic.
 */
import { text, type Localized } from '../../i18n/localized'

/** How long before the collection, in the largest unit that reads well. */
export interface EventAge {
  readonly ms: number
  readonly amount: number
  readonly unit: 'min' | 'h' | 'd'
}

const UNIT_WORDS: Readonly<Record<EventAge['unit'], Localized>> = {
  min: text('min', '分鐘'),
  h: text('h', '小時'),
  d: text('d', '天'),
}

/** "5 min" / "5 分鐘". */
function ageWords(age: EventAge): Localized {
  return text(`${age.amount} ${UNIT_WORDS[age.unit].en}`, `${age.amount} ${UNIT_WORDS[age.unit]['zh-TW']}`)
}

/** What the groups of XMPP events add up to, for the summary. */
export interface EventTally {
  readonly errors: number
  readonly warnings: number
  readonly provider: string
  readonly id: number
  readonly cause: Localized
}

export const EVENT_LOG_MESSAGES = {
  title: text('No XMPP errors in the Lync Server event log', 'Lync Server 事件記錄中沒有 XMPP 錯誤'),
  explanation: text(
    'Critical events, errors and warnings of the XMPP proxy and gateway in the "Lync Server" log over the collector\'s window (-EventDays, default 7 days), grouped by provider and event id, each with its age at collection. An error only older than a day is a warning: it may be over.',
    '「Lync Server」記錄中收集期間（-EventDays，預設 7 天）內 XMPP Proxy 與閘道的重大事件、錯誤和警告，依提供者與事件識別碼分組，並標示收集時距今多久。只有超過一天前的錯誤會列為警告：問題可能已結束。',
  ),
  noneReadButCut: (cutNote: Localized) =>
    text(
      `No XMPP error or warning among the events read, but ${cutNote.en} An XMPP error may be among the others.`,
      `已讀取的事件中沒有 XMPP 錯誤或警告，但${cutNote['zh-TW']}其餘事件中可能有 XMPP 錯誤。`,
    ),
  clean: (otherEvents: number, cutNote: Localized | null) =>
    text(
      `No XMPP errors or warnings (${otherEvents} other event(s) in the log).${cutNote ? ` ${cutNote.en}` : ''}`,
      `沒有 XMPP 錯誤或警告（記錄中另有 ${otherEvents} 個事件）。${cutNote ? cutNote['zh-TW'] : ''}`,
    ),
  warningsReadButCut: (provider: string, id: number, cutNote: Localized) =>
    text(
      `XMPP warning(s) among the events read, latest: ${provider} event ${id}; but ${cutNote.en}`,
      `已讀取的事件中有 XMPP 警告，最新：${provider} 事件 ${id}；但${cutNote['zh-TW']}`,
    ),
  found: (tally: EventTally, oldAge: EventAge | null, cutNote: Localized | null) => {
    const old = oldAge ? ageWords(oldAge) : null
    const oldNote = old ? text(` The latest was ${old.en} before the collection: check whether it still happens.`, `最新一筆發生在收集前 ${old['zh-TW']}：請確認是否仍在發生。`) : null
    return text(
      `${tally.errors > 0 ? `${tally.errors} XMPP error(s)` : `${tally.warnings} XMPP warning(s)`}, latest: ${tally.provider} event ${tally.id}. ${tally.cause.en}${oldNote ? oldNote.en : ''}${cutNote ? ` ${cutNote.en}` : ''}`,
      `${tally.errors > 0 ? `${tally.errors} 個 XMPP 錯誤` : `${tally.warnings} 個 XMPP 警告`}，最新：${tally.provider} 事件 ${tally.id}。${tally.cause['zh-TW']}${oldNote ? oldNote['zh-TW'] : ''}${cutNote ? cutNote['zh-TW'] : ''}`,
    )
  },
}
