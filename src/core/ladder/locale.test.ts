import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ladderProblems, positionOf, validLadder } from '../../../test/helpers/ladder-text.js';
import { pageText } from './ladder-locale.js';
import { renderLevel } from './render-level.js';

const root = path.resolve(import.meta.dirname, '../../..');
const frenchText = readFileSync(path.join(root, 'ladders/examples/ingenierie-logicielle-fr.yaml'), 'utf8');
const shippedText = readFileSync(path.join(root, 'ladders/ai-first-business-manager.yaml'), 'utf8');
const golden = path.join(root, 'test/fixtures/ladders/rendered/ai-first-business-manager');

describe('a ladder in French (locale: fr)', () => {
  const doc = validLadder(frenchText);

  it('validates, and its page says lang="fr" and dates itself in French', () => {
    expect(doc.locale).toBe('fr');
    const html = renderLevel(doc, 'ing-2', 'html')!;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<time datetime="2026-03-01">mars 2026</time>');
    expect(renderLevel(doc, 'ing-2', 'md')).toContain('_Ingénierie · mars 2026 (version du 2026-03-01)_');
  });

  it('has its declared headings and the fixed headings in French', () => {
    const md = renderLevel(doc, 'ing-2', 'md')!;
    expect(md.split('\n').filter((line) => /^#{2,3} /.test(line))).toEqual([
      '## Périmètre',
      '## Vos missions',
      '## Signaux observés',
      '## Parcours de formation',
      '### Mois 1–6 : Fondations',
      '## Promotion vers Ingénieure 3',
      '### Conditions',
      '### Temps à ce niveau',
      '## Ce que le jury regarde',
      '## Mentorat à ce niveau',
      '## Ce que débloque Ingénieure 3',
    ]);
  });

  it('writes the sentences around the file’s numbers in French (panel, mentorship, referral, time)', () => {
    const md = renderLevel(doc, 'ing-2', 'md')!;
    expect(md).toContain(
      'Un jury de 3 (Ingénieure 3 et au-delà, ou la direction). Chaque épreuve est réussie à la majorité du jury ; le critère décisif demande une note médiane d’au moins 3, les autres d’au moins 2,5.',
    );
    expect(md).toContain(
      '- **Vous recevez** — Un mentor Ingénieure 3 (ou la direction d’Atelier Nord), points toutes les deux semaines.',
    );
    expect(md).toContain('- **Vous donnez** — 1 place de mentoré (Ingénieure 1). Points hebdomadaires.');
    expect(md).toContain(
      '- **Commission de parrainage** — 2,5 % du tarif mensuel du mentoré pendant 6 mois après son placement.',
    );
    expect(md).toContain(
      '- **Habituel** — 24 à 36 mois en Ingénieure 2 (indication : la durée habituelle, jamais une condition)',
    );
    expect(md).toContain("- Réussir l'évaluation :\n  - **Présentation d'un projet**");
    expect(md).toContain('- **Jugement technique** _(décisif)_ — ');
    expect(md).toContain('| Signal | Où le voir |\n| --- | --- |\n| Revues utiles | Demandes de fusion |');
  });

  it('says a level not written yet in French', () => {
    const html = renderLevel(doc, 'ing-3', 'html')!;
    expect(html).toContain(
      '<p class="notice"><strong>Pas encore écrit.</strong> L’organisation n’a pas encore écrit',
    );
    expect(html).toContain('<h2>Ce que l’échelle en dit déjà</h2>');
    expect(html).toContain(
      '<li><strong>Jury d’évaluation</strong> — peut siéger dans les jurys de promotion</li>',
    );
  });

  it('leaves none of the English fixed text on its pages', () => {
    const en = pageText('en');
    const english = [
      ...Object.values(en.headings),
      en.requirements,
      en.timeAtLevel,
      en.youReceive,
      en.youGive,
      en.referralCut,
      en.notWrittenYet,
      'Promotion to',
      'What Unlocks at',
      'check-ins',
      'months',
      'February',
      'March',
      'lang="en"',
    ];
    for (const level of ['ing-1', 'ing-2', 'ing-3'])
      for (const format of ['md', 'html'] as const) {
        const page = renderLevel(doc, level, format, { choices: true })!;
        for (const text of english) expect(page, `${level}.${format}: ${text}`).not.toContain(text);
      }
  });

  it('lists the organisation’s own choices in French', () => {
    const md = renderLevel(doc, 'ing-2', 'md', { choices: true })!;
    expect(md).toContain(
      '## Les choix propres de l’organisation\n\nLa page dont cette échelle est tirée ne les donne pas ;',
    );
    expect(md).toContain(
      "- **promotion.panel.size: 3** — Notre grille d'origine ne fixe pas la taille du jury",
    );
  });
});

describe('locale', () => {
  it('is English by default, and `locale: en` renders the shipped pages byte for byte as the goldens', () => {
    const english = validLadder(
      shippedText.replace('organisation: Worca\n', 'organisation: Worca\nlocale: en\n'),
    );
    expect(english.locale).toBe('en');
    for (const level of ['L1', 'L4', 'L5'])
      for (const format of ['md', 'html'] as const)
        expect(renderLevel(english, level, format)).toBe(
          readFileSync(path.join(golden, `${level}.${format}.golden`), 'utf8'),
        );
  });

  it('refuses a language the product does not ship, naming those it does', () => {
    const source = shippedText.replace('organisation: Worca\n', 'organisation: Worca\nlocale: de\n');
    expect(ladderProblems(source)).toEqual([
      `${positionOf(source, 'de\n', source.indexOf('locale:'))}: locale: expected one of: en, fr (the page's language)`,
    ]);
  });
});
