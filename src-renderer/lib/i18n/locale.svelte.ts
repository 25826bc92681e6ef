/** The UI language: defaults to the OS language, switchable at run time; `t` and `l` read it reactively. */
import { isLocale, labelColon, toLocale, type Locale, type Localized } from '../../../src-shared/i18n/localized'
import { UI_STRINGS, type UiStringKey } from './ui-strings'
import { formatLocalTime } from '../../../src-shared/text/format-time'

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
 * A time stamp in this machine's zone with the offset written out ("2026-11-20 09:30:00 UTC+08:00"), the same in
 * both languages: evidence is collected on one server and read on another, often in another zone, so a time
 * without its zone misleads (the app once showed "20 Nov 2026, 01:30:00").
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  return formatLocalTime(iso)
}

/** A label's colon in the current language: full-width in Traditional Chinese, ASCII and a space in English. */
export function colon(): string {
  return labelColon(locale.current)
}
