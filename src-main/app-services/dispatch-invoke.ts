/**
 * The one door into the services for both transports (Electron IPC and the e2e test host): validate
 * the payload against the channel's schema, call the service, wrap the answer in the envelope.
 * A payload that fails validation never reaches a service.
 */
import type { InvokeMethod, IpcEnvelope, RequestOf, ResponseOf } from '../../src-shared/ipc/api-contract'
import { validatePayload } from '../../src-shared/ipc/payload-schemas'
import type { AppServices } from './app-services'
import { toIpcError } from './app-errors'

/** Validates and runs one invoke; never throws. */
export async function dispatchInvoke<M extends InvokeMethod>(
  services: AppServices,
  method: M,
  payload: unknown,
): Promise<IpcEnvelope<ResponseOf<M>>> {
  try {
    const request = validatePayload(method, payload)
    const handler = services[method] as unknown as (request: RequestOf<M>) => Promise<ResponseOf<M>>
    return { ok: true, value: await handler(request) }
  } catch (error) {
    return { ok: false, error: toIpcError(error) }
  }
}
