/** A refused option value, in the user's language: `--flag "value": why` (a full-width colon in Traditional Chinese). */
import { labelColon, pick, type Locale, type Localized } from '../../src-shared/i18n/localized'
import { UsageError } from './cli-io'

/** `what` is the option as typed (`--report "out.docx"`): it stays as written, the reason is translated. */
export function optionError(what: string, why: Localized, locale: Locale): UsageError {
  return new UsageError(`${what}${labelColon(locale)}${pick(why, locale)}`)
}
