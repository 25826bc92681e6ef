/**
 * Errors of the app's service layer, and the mapping of every typed error of the core, the store, the
 * collector and the probe into the envelope's {name, message, localized}, so the user always reads a
 * message in their language instead of a stack trace.
 */
import type { IpcError } from '../../src-shared/ipc/api-contract'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'

export type AppErrorCode =
  | 'unknown-run'
  | 'run-busy'
  | 'cancelled'
  | 'unknown-question'
  | 'history-unavailable'
  | 'reports-unavailable'
  | 'action-not-allowed'
  | 'action-unknown-command'
  | 'action-token-invalid'
  | 'action-stale'
  | 'unknown-scenario'
  | 'too-many-evidence-sets'
  | 'watch-unavailable'

/** A refusal or failure of the service layer, with the message to show. */
export class AppServiceError extends LocalizedError {
  override readonly name = 'AppServiceError'
  constructor(
    readonly code: AppErrorCode,
    localized: Localized,
  ) {
    super(localized)
  }
}

/** Builds an {@link AppServiceError} from its two texts. */
export function appError(code: AppErrorCode, en: string, zhTW: string): AppServiceError {
  return new AppServiceError(code, text(en, zhTW))
}

/** The run was cancelled by the user; what it had done is discarded. */
export function cancelledError(): AppServiceError {
  return appError('cancelled', 'The run was cancelled.', '已取消執行。')
}

/** Any thrown value → what crosses the bridge. Unexpected errors keep their message, never their stack. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof Error) {
    const localized = error instanceof LocalizedError ? { en: error.localized.en, 'zh-TW': error.localized['zh-TW'] } : null
    return { name: error.name, message: error.message, localized }
  }
  return { name: 'Error', message: String(error), localized: null }
}
