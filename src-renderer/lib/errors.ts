/** Turns anything thrown into what the error banner shows. */
import type { Localized } from '../../src-shared/i18n/localized'
import { AppError } from './api'

export interface ShownError {
  readonly name: string
  /** The localized message when the main process gave one. */
  readonly localized: Localized | null
  readonly message: string
}

/** The error as the banner shows it. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof AppError) return { name: error.name, localized: error.localized, message: error.message }
  if (error instanceof Error) return { name: error.name, localized: null, message: error.message }
  return { name: 'Error', localized: null, message: String(error) }
}
