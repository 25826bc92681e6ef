/** Errors of report writing, with a message for the user in both languages. */
import type { Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'

/**
 * exists: the target file is already there (we never replace it silently). format: the extension names
 * no format. unavailable: nothing here can make that format (PDF without a browser). failed: I/O or the
 * printer failed.
 */
export type ReportWriteFailure = 'exists' | 'format' | 'unavailable' | 'failed'

/** A report or bundle could not be written. */
export class ReportWriteError extends LocalizedError {
  readonly failure: ReportWriteFailure

  constructor(failure: ReportWriteFailure, localized: Localized, options?: { cause?: unknown }) {
    super(localized, options)
    this.name = 'ReportWriteError'
    this.failure = failure
  }
}
