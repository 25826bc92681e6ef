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

/** A time stamp in the current language's format. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const epoch = Date.parse(iso)
  if (Number.isNaN(epoch)) return iso
  return new Intl.DateTimeFormat(locale.current === 'zh-TW' ? 'zh-TW' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(epoch)
}
