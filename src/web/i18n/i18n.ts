import i18next from 'i18next';
import ICU from 'i18next-icu';
import { createElement, Fragment, type ReactNode } from 'react';

/**
 * The web app's fixed text in the organisation's language (issue 16, ADR 0027). The English text as
 * written in the component is the key, so English needs no catalogue; a message is ICU MessageFormat
 * (`{name}`, `{count, plural, one {# builder} other {# builders}}`), formatted in the current language.
 * `tx` does the same for a sentence with elements inside (links, badges). Each feature keeps its French next to it in `fr.ts` (`export const fr: Catalogue = {…}`); every one
 * found under src/web is merged here, and src/web/i18n/catalogues.test.ts fails when a `t('…')` has no
 * French entry, an entry is unused, or the French names other placeholders than the English.
 */
export const WEB_LOCALES = ['en', 'fr'] as const;
export type WebLocale = (typeof WEB_LOCALES)[number];

/** English text → its translation, one file per feature. */
export type Catalogue = Readonly<Record<string, string>>;

/** The tag Intl formats dates and money with: en-GB keeps "1 Feb 2026", as the app wrote before. */
const intlTags: Record<WebLocale, string> = { en: 'en-GB', fr: 'fr-FR' };

const found = import.meta.glob<Catalogue>('../**/fr.ts', { eager: true, import: 'fr' });
const french: Record<string, string> = {};
for (const catalogue of Object.values(found)) Object.assign(french, catalogue);

const i18n = i18next.createInstance();
void i18n.use(ICU).init({
  lng: 'en',
  // A French entry missing shows the English text (the key), never a blank: the check fails first.
  fallbackLng: false,
  // English sentences are keys: "Recorded: …" holds a colon and "e.g." a dot, neither a separator.
  keySeparator: false,
  nsSeparator: false,
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  resources: { fr: { translation: french } },
});

/** Whether `value` is a language the web app ships (a ladder's `locale`, the API's answer). */
export function isWebLocale(value: unknown): value is WebLocale {
  return typeof value === 'string' && (WEB_LOCALES as readonly string[]).includes(value);
}

/** Switches every later `t` and Intl format to `locale`, and sets `<html lang>`. */
export function setLocale(locale: WebLocale): void {
  void i18n.changeLanguage(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The language in use now ('en' until the organisation's ladder says otherwise). */
export function currentLocale(): WebLocale {
  return isWebLocale(i18n.language) ? i18n.language : 'en';
}

/** The BCP 47 tag for Intl (dates, numbers, money) in the language in use. */
export function intlLocale(): string {
  return intlTags[currentLocale()];
}

/**
 * The fixed text `english` in the language in use, with `values` put in its ICU placeholders. Pass the
 * English as a literal: the catalogue check reads it from the source.
 */
export function t(english: string, values?: Record<string, string | number | Date>): string {
  return i18n.t(english, values ?? {});
}

/**
 * `english` in `locale`, whatever the language in use: for tests that read a screen in the language it
 * is in (the browser harness signs in by the sign-in form's labels, English or French).
 */
export function textIn(
  locale: WebLocale,
  english: string,
  values?: Record<string, string | number | Date>,
): string {
  return i18n.getFixedT(locale)(english, values ?? {});
}

// Private-use characters around a placeholder's name: they survive translation and formatting unchanged.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const slot = /\uE000([^\uE001]*)\uE001/;

/**
 * `t` for a sentence with elements inside (a link, a badge, a name): the French may put them in another
 * order, so they are placeholders too. Strings and numbers are formatted as with `t` (numbers drive
 * plurals); each React element is put where its placeholder lands. Returns nodes to render in place.
 */
export function tx(english: string, values: Record<string, ReactNode>): ReactNode[] {
  const plain: Record<string, string | number> = {};
  const elements = new Map<string, ReactNode>();
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' || typeof value === 'string') plain[name] = value;
    else {
      plain[name] = `${OPEN}${name}${CLOSE}`;
      elements.set(name, value);
    }
  }
  const parts = t(english, plain).split(slot);
  // split with a capture group: even indexes are text, odd ones the names of the elements between them.
  return parts.map((part, index) => {
    if (index % 2 === 0) return part;
    const element = elements.get(part);
    return createElement(Fragment, { key: `${part}-${index}` }, element ?? null);
  });
}
