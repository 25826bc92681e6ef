import { PowerShell } from 'node-powershell'
import {
  createCancelledError,
  createFailedError,
  createTimeoutError,
  createUnavailableError,
  type InvokeOptions,
  type PowerShellOutput,
  type PowerShellSession,
} from './powershell-session'

/** How to start PowerShell. */
export interface NodePowerShellSessionOptions {
  /**
   * Executable name or path. Default: `powershell` (Windows PowerShell 5.1, where the Lync module
   * loads) on Windows, `pwsh` elsewhere. node-powershell lets the NODE_POWERSHELL variable override it.
   */
  readonly executable?: string
  /** Environment of the PowerShell process (default: this process's). */
  readonly env?: NodeJS.ProcessEnv
  /** How long a killed process may take to exit before it is killed harder. Default 3000 ms. */
  readonly killGraceMs?: number
}

/**
 * node-powershell 5.0.1 fields this module relies on (checked against its dist/Shell.js): the promise
 * of the process's end, rejected on a non-zero exit, and whether the process has ended.
 */
interface ShellInternals {
  readonly exitPromise: Promise<void>
  readonly isExited: boolean
}

type InvocationRecord = Awaited<ReturnType<PowerShell['invoke']>>

type Outcome =
  | { readonly type: 'done'; readonly record: InvocationRecord }
  | { readonly type: 'error'; readonly error: unknown }
  | { readonly type: 'timeout' }
  | { readonly type: 'cancelled' }

const SPAWN_FAILURE_CODES = new Set(['ENOENT', 'EACCES', 'ENOEXEC', 'EPERM'])

function internalsOf(shell: PowerShell): ShellInternals {
  return shell as unknown as ShellInternals
}

/** Waits for `promise` at most `ms`; true when it settled in time. The timer never outlives the wait. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function spawnFailureCode(error: unknown): string | null {
  const original = (error as { originalError?: { code?: unknown } } | null)?.originalError
  return typeof original?.code === 'string' && SPAWN_FAILURE_CODES.has(original.code) ? original.code : null
}

/**
 * A {@link PowerShellSession} on node-powershell: one process reused for all scripts. node-powershell's
 * own invocationTimeout does not stop the running command (the process stays busy), so timeouts and
 * cancels are enforced here by killing the process; the next invoke starts a fresh one.
 */
class NodePowerShellSession implements PowerShellSession {
  private shell: PowerShell | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private disposed = false
  private interruptRunning: (() => void) | null = null
  private readonly executable: string
  private readonly killGraceMs: number

  constructor(private readonly options: NodePowerShellSessionOptions) {
    this.executable =
      process.env.NODE_POWERSHELL ?? options.executable ?? (process.platform === 'win32' ? 'powershell' : 'pwsh')
    this.killGraceMs = options.killGraceMs ?? 3000
  }

  invoke(script: string, options: InvokeOptions): Promise<PowerShellOutput> {
    const run = this.queue.then(() => this.run(script, options))
    this.queue = run.catch(() => undefined)
    return run
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.interruptRunning?.()
    const shell = this.shell
    if (shell) await this.discard(shell)
    await this.queue
  }

  private async run(script: string, options: InvokeOptions): Promise<PowerShellOutput> {
    if (this.disposed) throw createFailedError('the PowerShell session was already closed.')
    if (options.signal?.aborted) throw createCancelledError()
    // A process that ended while idle (killed, crashed) is replaced rather than reported as a failure.
    if (this.shell && internalsOf(this.shell).isExited) this.shell = null
    const shell = this.shell ?? this.spawn()
    const started = performance.now()
    const outcome = await this.race(shell.invoke(script), options)
    const durationMs = Math.round(performance.now() - started)
    shell.history.length = 0 // node-powershell keeps every output in history; drop it to bound memory
    if (outcome.type === 'timeout' || outcome.type === 'cancelled') {
      await this.discard(shell)
      throw outcome.type === 'timeout' ? createTimeoutError(options.timeoutMs) : createCancelledError()
    }
    if (outcome.type === 'error') {
      await this.discard(shell)
      const code = spawnFailureCode(outcome.error)
      if (code) throw createUnavailableError(this.executable, outcome.error)
      const detail = outcome.error instanceof Error ? outcome.error.message : String(outcome.error)
      throw createFailedError(detail, { cause: outcome.error })
    }
    const stdout = outcome.record.stdout?.toString('utf8') ?? ''
    const stderr = outcome.record.stderr?.toString('utf8') ?? ''
    // A healthy session never closes stdout; when it has, the process ended during the command and
    // node-powershell returns whatever it had read as if the command had succeeded.
    if (internalsOf(shell).isExited || shell.streams.stdout.readableEnded) {
      await this.discard(shell)
      throw createFailedError('the PowerShell process ended while running the command.', { stderr })
    }
    return { stdout, stderr, durationMs }
  }

  private spawn(): PowerShell {
    const shell = new PowerShell({
      executable: this.executable,
      throwOnInvocationError: false,
      executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'RemoteSigned' },
      spawnOptions: { env: this.options.env ?? process.env, windowsHide: true },
    })
    // node-powershell only awaits this promise during an invoke; a non-zero exit while idle would
    // otherwise be an unhandled rejection, which ends the Node process.
    internalsOf(shell).exitPromise.catch(() => undefined)
    // child-shell listens for only the first stdin 'error' (EPIPE after the process died); a second
    // one without a listener would be thrown.
    shell.streams.stdin.on('error', () => undefined)
    this.shell = shell
    return shell
  }

  private race(invocation: Promise<InvocationRecord>, options: InvokeOptions): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const finish = (outcome: Outcome): void => {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        this.interruptRunning = null
        resolve(outcome)
      }
      const onAbort = (): void => finish({ type: 'cancelled' })
      const timer = setTimeout(() => finish({ type: 'timeout' }), options.timeoutMs)
      options.signal?.addEventListener('abort', onAbort, { once: true })
      this.interruptRunning = onAbort
      invocation.then(
        (record) => finish({ type: 'done', record }),
        (error: unknown) => finish({ type: 'error', error }),
      )
    })
  }

  /** Stops a process for good: SIGTERM, then SIGKILL when it lingers; the next invoke spawns anew. */
  private async discard(shell: PowerShell): Promise<void> {
    if (this.shell === shell) this.shell = null
    if (internalsOf(shell).isExited) return
    if (await settlesWithin(shell.dispose('SIGTERM'), this.killGraceMs)) return
    await settlesWithin(shell.dispose('SIGKILL'), this.killGraceMs)
  }
}

/** Creates a PowerShell session backed by node-powershell (the process starts on the first invoke). */
export function createNodePowerShellSession(options: NodePowerShellSessionOptions = {}): PowerShellSession {
  return new NodePowerShellSession(options)
}
