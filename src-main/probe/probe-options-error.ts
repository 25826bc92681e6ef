/**
 * The probe's bad-option error, in a module of its own so that commands can recognise it without loading the
 * probe (the CLI loads the probe only when a probe runs).
 */
import { LocalizedError } from '../../src-shared/i18n/localized-error'

/** Thrown before any network traffic when an option is unusable (bad domain, resolver, CA file); the message is shown to users. */
export class ProbeOptionsError extends LocalizedError {
  override readonly name = 'ProbeOptionsError'
}
