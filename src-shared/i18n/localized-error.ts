/**
 * The base of every error whose message is meant for the user: `localized` is what the app and the CLI show,
 * in the user's language; `message` is the English text, for logs and stack traces. The IPC bridge
 * (src-main/app-services/app-errors.ts) and the CLI read `localized` and nothing else.
 */
import type { Localized } from './localized'

/** How a {@link LocalizedError} is built beyond its text. */
export interface LocalizedErrorOptions {
  readonly cause?: unknown
  /** The log message when it must say more than the English text (e.g. which field of a request was wrong). */
  readonly message?: string
}

/** An error with a message in every supported language. */
export class LocalizedError extends Error {
  /** What the user reads. */
  readonly localized: Localized

  constructor(localized: Localized, options: LocalizedErrorOptions = {}) {
    super(options.message ?? localized.en, 'cause' in options ? { cause: options.cause } : undefined)
    this.localized = localized
  }
}

