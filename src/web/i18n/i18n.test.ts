import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { currentLocale, intlLocale, isWebLocale, setLocale, t, textIn, tx } from './i18n';

describe('the web app’s fixed text', () => {
  afterEach(() => setLocale('en'));

  it('is the English text as written, with its placeholders and English plurals, until a locale is set', () => {
    expect(currentLocale()).toBe('en');
    expect(intlLocale()).toBe('en-GB');
    expect(t('Sign in')).toBe('Sign in');
    expect(t('Case #{id}', { id: 12 })).toBe('Case #12');
    const waits = '{count, plural, one {One case waits} other {# cases wait}} for your score sheet.';
    expect(t(waits, { count: 1 })).toBe('One case waits for your score sheet.');
    expect(t(waits, { count: 1200 })).toBe('1,200 cases wait for your score sheet.');
  });

  it('is French from the feature catalogues once the locale is fr, with French plurals and numbers', () => {
    setLocale('fr');
    expect(intlLocale()).toBe('fr-FR');
    expect(t('Sign in')).toBe('Se connecter');
    const waits = '{count, plural, one {One case waits} other {# cases wait}} for your score sheet.';
    // French "one" covers 0 and 1.
    expect(t(waits, { count: 0 })).toBe('Un dossier attend votre grille de notation.');
    expect(t(waits, { count: 1200 }).replace(/\u202f/g, ' ')).toBe(
      '1 200 dossiers attendent votre grille de notation.',
    );
    // A text without French shows the English rather than a blank (the catalogue check fails first).
    expect(t('Not in any catalogue {x}', { x: 1 })).toBe('Not in any catalogue 1');
  });

  it('puts elements where the translation puts their placeholders', () => {
    const link = createElement('a', { href: '/panel/cases/7' }, 'Case #7');
    const english = '{case}: {candidate}, {from} → {target} {status}';
    const values = {
      case: link,
      candidate: 'Ann',
      from: 'L4',
      target: 'L5',
      status: createElement('b', null, 'Open'),
    };
    expect(renderToStaticMarkup(createElement('p', null, tx(english, values)))).toBe(
      '<p><a href="/panel/cases/7">Case #7</a>: Ann, L4 → L5 <b>Open</b></p>',
    );
    setLocale('fr');
    expect(renderToStaticMarkup(createElement('p', null, tx(english, values)))).toBe(
      '<p><a href="/panel/cases/7">Case #7</a> : Ann, L4 → L5 <b>Open</b></p>',
    );
  });

  it('gives a text in a named language without changing the one in use (tests read either)', () => {
    expect(textIn('fr', 'Sign in')).toBe('Se connecter');
    expect(textIn('en', 'Sign in')).toBe('Sign in');
    expect(textIn('fr', 'Case #{id}', { id: 7 })).toBe('Dossier n° 7');
    expect(currentLocale()).toBe('en');
    expect(t('Sign in')).toBe('Sign in');
  });

  it('knows which locales it ships', () => {
    expect(isWebLocale('fr')).toBe(true);
    expect(isWebLocale('de')).toBe(false);
    expect(isWebLocale(undefined)).toBe(false);
  });
});
