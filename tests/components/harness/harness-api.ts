/**
 * What the component harness page (Harness.svelte) exposes as `globalThis.__xedHarness`, for the component tests
 * to drive through playwright's page.evaluate. Types only: the page and the tests share them.
 */
import type { Locale } from '../../../src-shared/i18n/localized'
import type { IpcEnvelope, RunView } from '../../../src-shared/ipc/api-contract'

/** The components the harness can mount by name. */
export type HarnessComponent = 'TreePath' | 'ActionConfirm' | 'SessionTable' | 'RunView' | 'WatchSwitch'

/** One call of a callback prop, or one invoke that reached the fake `window.xed`. */
export interface HarnessCall {
  readonly name: string
  readonly args: readonly unknown[]
}

export interface HarnessApi {
  /**
   * Mounts one component into the page (the one mounted before is removed). `callbacks` names the props that are
   * functions: each records its calls in `calls`, which starts empty at each mount.
   */
  mount(component: HarnessComponent, props: Record<string, unknown>, callbacks: readonly string[]): void
  /** Changes props of the mounted component (they are reactive state). */
  update(props: Record<string, unknown>): void
  setLocale(locale: Locale): void
  /** Puts a finished run on screen (the run store's state after a run ended), for RunView. */
  showRun(view: RunView): void
  /**
   * The fake `window.xed`: what the next invoke of `method` answers. With `held`, the answer waits until
   * release(method) is called, so a test can look at the screen while the main process "works".
   */
  answer(method: string, envelope: IpcEnvelope<unknown>, held?: boolean): void
  release(method: string): void
  /** Callback calls and invokes since the last mount, in order. */
  readonly calls: HarnessCall[]
  /** The renderer's api (src-renderer/lib/api.ts): its method names, and a call answering its value or its error. */
  apiMethods(): string[]
  callApi(method: string, ...args: unknown[]): Promise<ApiOutcome>
  /** Subscribes to an event through the renderer's api; each payload is recorded as a call `event:<method>`. */
  subscribe(method: string): void
  unsubscribe(method: string): void
  /** The fake main process pushes an event to whoever subscribed on the fake `window.xed`. */
  push(method: string, payload: unknown): void
}

/** What a call of the renderer's api gave: its value, or what the thrown error carried. */
export type ApiOutcome =
  | { readonly value: unknown }
  | { readonly error: { readonly appError: boolean; readonly name: string; readonly message: string; readonly localized: unknown } }

/** Where the page keeps the harness. */
export interface HarnessGlobal {
  readonly __xedHarness: HarnessApi
}
