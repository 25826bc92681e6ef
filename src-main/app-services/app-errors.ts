/**
 * Errors of the app's service layer, and the mapping of every typed error of the core, the store, the
 * collector and the probe into the envelope's {name, message, localized}, so the user always reads a
 * message in their language instead of a stack trace.
 */
import type { IpcError } from '../../src-shared/ipc/api-contract'
import { text, type Localized } from '../../src-shared/i18n/localized'

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
export class AppServiceError extends Error {
  override readonly name = 'AppServiceError'
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: Localized,
  ) {
    super(userMessage.en)
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

function localizedOf(error: Error): Localized | null {
  const record = error as unknown as Record<string, unknown>
  for (const key of ['userMessage', 'localized'] as const) {
    const value = record[key] as Partial<Localized> | undefined
    if (value && typeof value.en === 'string' && typeof value['zh-TW'] === 'string') return { en: value.en, 'zh-TW': value['zh-TW'] }
  }
  return null
}

/** Any thrown value → what crosses the bridge. Unexpected errors keep their message, never their stack. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, localized: localizedOf(error) }
  }
  return { name: 'Error', message: String(error), localized: null }
}
