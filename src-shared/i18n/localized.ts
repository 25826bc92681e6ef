/** The two languages every user-facing string ships in. */
export const LOCALES = ['en', 'zh-TW'] as const
export type Locale = (typeof LOCALES)[number]

/** A user-facing text in every supported language. The type makes a missing translation a compile error. */
export type Localized = Readonly<Record<Locale, string>>

/** Builds a {@link Localized} text: English first, Traditional Chinese second. */
export function text(en: string, zhTW: string): Localized {
  return { en, 'zh-TW': zhTW }
}

/** Picks the text for a locale. */
export function pick(value: Localized, locale: Locale): string {
  return value[locale]
}

/** Accepts 'zh-TW', 'zh_TW', 'zh-Hant', 'zh-HK' … as Traditional Chinese; everything else is English. */
export function toLocale(value: string | undefined | null): Locale {
  if (!value) return 'en'
  const normalized = value.replace('_', '-').toLowerCase()
  if (normalized === 'zh-tw' || normalized.startsWith('zh-hant') || normalized === 'zh-hk' || normalized === 'zh-mo') {
    return 'zh-TW'
  }
  return 'en'
}

/** True when `value` names a supported locale exactly. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** A label's colon: full-width in Traditional Chinese text, ASCII and a space in English. */
export function labelColon(locale: Locale): string {
  return locale === 'zh-TW' ? '：' : ': '
}
