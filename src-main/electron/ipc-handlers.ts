/**
 * The only file that registers ipcMain handlers. Every channel goes through one wrapper: the sender
 * must be our own top frame, the payload must pass the channel's schema (dispatchInvoke), and the
 * answer is an envelope so the renderer sees the real error name and a localized message.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { INVOKE_CHANNELS, INVOKE_METHODS, type InvokeMethod, type IpcEnvelope } from '../../src-shared/ipc/api-contract'
import { text } from '../../src-shared/i18n/localized'
import type { AppServices } from '../app-services/app-services'
import { toIpcError } from '../app-services/app-errors'
import { dispatchInvoke } from '../app-services/dispatch-invoke'
import { PayloadError } from '../../src-shared/ipc/payload-schemas'
import { isTrustedSender } from './trusted-sender'

/** The envelope for a message from anywhere but our page; nothing was run. */
export const UNTRUSTED_SENDER: IpcEnvelope<never> = {
  ok: false,
  error: {
    name: 'UntrustedSenderError',
    message: 'IPC message from an untrusted sender was refused',
    localized: text('The request did not come from the app\'s own page and was refused.', '此要求並非來自應用程式本身的頁面，已被拒絕。'),
  },
}

/** Registers one handler per invoke channel. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  services: AppServices,
  indexHtmlPath: string,
  log: (line: string) => void = () => undefined,
): void {
  for (const method of INVOKE_METHODS) {
    handle(ipcMain, method, services, indexHtmlPath, log)
  }
}

function handle(
  ipcMain: Pick<IpcMain, 'handle'>,
  method: InvokeMethod,
  services: AppServices,
  indexHtmlPath: string,
  log: (line: string) => void,
): void {
  ipcMain.handle(INVOKE_CHANNELS[method], async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    if (!isTrustedSender(event.senderFrame, indexHtmlPath)) {
      log(`ipc: refused ${INVOKE_CHANNELS[method]} from ${event.senderFrame?.url ?? '(no frame)'}`)
      return UNTRUSTED_SENDER
    }
    // Exactly one argument: the request (or nothing).
    if (args.length > 1) return { ok: false, error: toIpcError(new PayloadError('', 'must be a single argument')) }
    return dispatchInvoke(services, method, args[0])
  })
}
