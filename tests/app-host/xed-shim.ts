/**
 * Runs inside the test page (playwright addInitScript): builds `window.xed` with exactly the bridge's
 * shape, forwarding invokes to the test host over HTTP and pushes over Server-Sent Events. The
 * renderer cannot tell it from the preload. Self-contained: it is serialized into the page.
 */
export interface ShimConfig {
  readonly invoke: Readonly<Record<string, string>>
  readonly events: Readonly<Record<string, string>>
}

/** The browser's EventSource, typed here because the Node tsconfig has no DOM library. */
interface EventSourceLike {
  onmessage: ((event: { readonly data: string }) => void) | null
}

/** Installs the shim; `config` is the contract's channel maps. */
export function installXedShim(config: ShimConfig): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const EventSourceCtor = (globalThis as unknown as { EventSource: new (url: string) => EventSourceLike }).EventSource
  let source: EventSourceLike | null = null
  const connect = (): void => {
    if (source) return
    source = new EventSourceCtor('/api/events')
    source.onmessage = (event) => {
      const message = JSON.parse(event.data) as { channel: string; payload: unknown }
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload)
    }
  }
  const xed: Record<string, unknown> = {}
  for (const [method, channel] of Object.entries(config.invoke)) {
    xed[method] = async (request: unknown) => {
      const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request === undefined ? {} : { payload: request }),
      })
      return response.json()
    }
  }
  for (const [method, channel] of Object.entries(config.events)) {
    xed[method] = (listener: (payload: unknown) => void) => {
      connect()
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    }
  }
  Object.defineProperty(globalThis, 'xed', { value: Object.freeze(xed), writable: false, configurable: false })
}
