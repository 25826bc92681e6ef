/**
 * The probe's bad-option error, in a module of its own so that commands can recognise it without loading the
 * probe (the CLI loads the probe only when a probe runs).
 */
import type { Localized } from '../../src-shared/i18n/localized'

/** Thrown before any network traffic when an option is unusable (bad domain, resolver, CA file); the message is shown to users. */
export class ProbeOptionsError extends Error {
  override readonly name = 'ProbeOptionsError'
  constructor(readonly localized: Localized) {
    super(localized.en)
  }
}
