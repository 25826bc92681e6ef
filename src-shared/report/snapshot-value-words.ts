/** How a configuration value from a snapshot diff is shown: raw, except the few values a sentence must translate. */
import { serviceStateWords } from '../i18n/service-state-words'
import { text, type Localized } from '../i18n/localized'
import type { SnapshotChange } from './diff-snapshots'

/**
 * A service's status in words (Stopped → 已停止 in Traditional Chinese; English keeps the state's own name, which
 * an admin greps for); every other value is configuration data shown byte for byte.
 */
export function snapshotValueWords(change: Pick<SnapshotChange, 'section' | 'field'>, value: string): Localized {
  if (change.section === 'services' && change.field === 'status') return serviceStateWords(value)
  return text(value, value)
}
