/** How a history row names its subject and its root cause. */
import type { Localized } from '../../src-shared/i18n/localized'
import { rootCauseWords } from '../../src-shared/report/root-cause-words'
import type { SessionSummary } from '../../src-shared/report/session-record'

/** The host, or the probed domains when there is no host (a probe). */
export function sessionSubject(session: Pick<SessionSummary, 'host' | 'domains'>): string {
  return session.host ?? (session.domains.join(', ') || '—')
}

/** The root cause as what went wrong (older sessions recorded the check's title, which names the healthy state). */
export function rootCauseLabel(session: Pick<SessionSummary, 'rootCauseCheckId' | 'rootCauseTitle'>): Localized | null {
  return rootCauseWords(session.rootCauseCheckId, session.rootCauseTitle)
}
