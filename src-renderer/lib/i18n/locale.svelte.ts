/** The UI language: defaults to the OS language, switchable at run time; `t` and `l` read it reactively. */
import { isLocale, toLocale, type Locale, type Localized } from '../../../src-shared/i18n/localized'
import { UI_STRINGS, type UiStringKey } from './ui-strings'

class LocaleState {
  current = $state<Locale>(toLocale(typeof navigator === 'undefined' ? 'en' : navigator.language))

  set(locale: string): void {
    if (isLocale(locale)) {
      this.current = locale
      document.documentElement.lang = locale
    }
  }
}

/** The app's one locale state. */
export const locale = new LocaleState()

/** A UI string in the current language. */
export function t(key: UiStringKey): string {
  return UI_STRINGS[key][locale.current]
}

/** A Localized value (check titles, fixes, tree texts) in the current language. */
export function l(value: Localized | null | undefined): string {
  return value ? value[locale.current] : ''
}

/**
 * A time stamp in the current language's format, with its zone ("20 Nov 2026, 01:30:00 UTC"): evidence is
 * collected on one server and read on another, often in another zone, so a time without a zone misleads.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const epoch = Date.parse(iso)
  if (Number.isNaN(epoch)) return iso
  return new Intl.DateTimeFormat(locale.current === 'zh-TW' ? 'zh-TW' : 'en-GB', { dateStyle: 'medium', timeStyle: 'long' }).format(epoch)
}

/** A label's colon in the current language: full-width in Traditional Chinese, ASCII and a space in English. */
export function colon(): string {
  return locale.current === 'zh-TW' ? '：' : ': '
}
