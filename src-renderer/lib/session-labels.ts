/** How a history row names its subject and its root cause. */
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import type { Localized } from '../../src-shared/i18n/localized'
import type { SessionSummary } from '../../src-shared/report/session-record'
import { UI_STRINGS } from './i18n/ui-strings'

/** The host, or the probed domains when there is no host (a probe). */
export function sessionSubject(session: Pick<SessionSummary, 'host' | 'domains'>): string {
  return session.host ?? (session.domains.join(', ') || '—')
}

/**
 * A root cause found by a failing check carries the check's title, which names the healthy state
 * ("certificate present and in date"); in a list it must read as what failed.
 */
export function rootCauseLabel(session: Pick<SessionSummary, 'rootCauseCheckId' | 'rootCauseTitle'>): Localized | null {
  const title = session.rootCauseTitle
  if (!title) return null
  const checkTitle = session.rootCauseCheckId ? CHECK_CATALOG.get(session.rootCauseCheckId)?.title : undefined
  if (!checkTitle || checkTitle.en !== title.en) return title
  const prefix = UI_STRINGS.failedPrefix
  return { en: `${prefix.en} ${title.en}`, 'zh-TW': `${prefix['zh-TW']}${title['zh-TW']}` }
}
