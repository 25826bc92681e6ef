/**
 * A recorded session's root cause in words, for history lists. Sessions recorded before the failure headlines
 * (diagnostics/failure-titles.ts) carry the check's title ("XMPP Translating Gateway Proxy running"), which
 * reads as the opposite of the problem: those get the check's failure headline instead.
 */
import { CHECK_CATALOG } from '../diagnostics/all-checks'
import type { CheckId } from '../diagnostics/check-types'
import { CHECK_FAILURE_TITLES } from '../diagnostics/failure-titles'
import type { Localized } from '../i18n/localized'

/** What went wrong, in words; null when the session found no root cause. */
export function rootCauseWords(checkId: CheckId | null, title: Localized | null): Localized | null {
  if (!checkId) return title
  const checkTitle = CHECK_CATALOG.get(checkId)?.title
  if (!title || (checkTitle && checkTitle.en === title.en)) return CHECK_FAILURE_TITLES[checkId] ?? title
  return title
}
