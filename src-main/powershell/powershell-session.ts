import { text, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'

/** What one script printed. */
export interface PowerShellOutput {
  readonly stdout: string
  readonly stderr: string
  readonly durationMs: number
}

/** Limits for one invocation. */
export interface InvokeOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal
}

/**
 * A long-lived PowerShell process that runs scripts one at a time. After a timeout or a cancel the
 * implementation replaces its process, so the next invoke works again.
 */
export interface PowerShellSession {
  invoke(script: string, options: InvokeOptions): Promise<PowerShellOutput>
  dispose(): Promise<void>
}

/** Creates a session; the live collector calls it once per collection. */
export type PowerShellSessionFactory = () => PowerShellSession

/**
 * Why an invocation did not produce output: 'timeout' (killed after timeoutMs), 'cancelled' (the
 * AbortSignal fired), 'unavailable' (PowerShell could not be started at all), 'failed' (anything else).
 */
export type PowerShellErrorKind = 'timeout' | 'cancelled' | 'failed' | 'unavailable'

/** A typed PowerShell failure with a message for the user in both languages. */
export class PowerShellError extends LocalizedError {
  override readonly name = 'PowerShellError'
  readonly kind: PowerShellErrorKind
  /** What the process wrote to stderr, when anything. */
  readonly stderr: string

  constructor(kind: PowerShellErrorKind, localized: Localized, options: { stderr?: string; cause?: unknown } = {}) {
    super(localized, options.cause === undefined ? {} : { cause: options.cause })
    this.kind = kind
    this.stderr = options.stderr ?? ''
  }
}

/** The error for "PowerShell is not on this computer", naming the executable that was tried. */
export function createUnavailableError(executable: string, cause: unknown): PowerShellError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new PowerShellError(
    'unavailable',
    text(
      `PowerShell could not be started ("${executable}": ${reason}). Live collection runs only on the Lync / Skype for Business server itself, in Windows PowerShell 5.1. Nothing was collected. On this computer, run Collect-XmppEvidence.ps1 on the server instead and open the evidence folder or zip it writes.`,
      `無法啟動 PowerShell（"${executable}"：${reason}）。即時收集只能在 Lync / 商務用 Skype 伺服器本機的 Windows PowerShell 5.1 中執行，未收集任何資料。請改在伺服器上執行 Collect-XmppEvidence.ps1，再開啟它產生的證據資料夾或 zip 檔。`,
    ),
    { cause },
  )
}

/** The error for a timed-out invocation. */
export function createTimeoutError(timeoutMs: number): PowerShellError {
  const seconds = Math.round(timeoutMs / 100) / 10
  return new PowerShellError(
    'timeout',
    text(
      `The PowerShell command did not finish within ${seconds} s and was stopped.`,
      `PowerShell 命令未在 ${seconds} 秒內完成，已被停止。`,
    ),
  )
}

/** The error for an invocation stopped by its AbortSignal. */
export function createCancelledError(): PowerShellError {
  return new PowerShellError('cancelled', text('The PowerShell command was cancelled.', 'PowerShell 命令已取消。'))
}

/** The error for any other failure (the process died, the session was closed, …). */
export function createFailedError(detail: string, options: { stderr?: string; cause?: unknown } = {}): PowerShellError {
  return new PowerShellError(
    'failed',
    text(`PowerShell failed: ${detail}`, `PowerShell 執行失敗：${detail}`),
    options,
  )
}
