/** Errors of report writing, with a message for the user in both languages. */
import type { Localized } from '../../src-shared/i18n/localized'

/** A report or bundle could not be written. */
export class ReportWriteError extends Error {
  readonly userMessage: Localized

  constructor(userMessage: Localized, options?: { cause?: unknown }) {
    super(userMessage.en, options)
    this.name = 'ReportWriteError'
    this.userMessage = userMessage
  }
}
