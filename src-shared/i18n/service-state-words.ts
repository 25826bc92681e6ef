/** Windows service states as words: a Chinese sentence says 已停止, never "Stopped" (as the Services console does). */
import type { ServiceStatus } from '../evidence/evidence-model'
import { text, type Localized } from './localized'

export const SERVICE_STATE_WORDS: Readonly<Record<ServiceStatus, Localized>> = {
  Stopped: text('Stopped', '已停止'),
  StartPending: text('StartPending', '正在啟動'),
  StopPending: text('StopPending', '正在停止'),
  Running: text('Running', '執行中'),
  ContinuePending: text('ContinuePending', '正在繼續'),
  PausePending: text('PausePending', '正在暫停'),
  Paused: text('Paused', '已暫停'),
  Unknown: text('Unknown', '狀態不明'),
}

/** The words for a service state read from evidence; a value that is not a known state stays as it was. */
export function serviceStateWords(value: string): Localized {
  return Object.hasOwn(SERVICE_STATE_WORDS, value) ? SERVICE_STATE_WORDS[value as ServiceStatus] : text(value, value)
}
