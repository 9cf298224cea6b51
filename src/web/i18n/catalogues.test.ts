import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCatalogues, findMessages, type CatalogueFile, type SourceFile } from './catalogue-check';

const webRoot = path.resolve(import.meta.dirname, '..');

async function webFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'dist' && entry.name !== 'node_modules') files.push(...(await webFiles(full)));
    } else if (/\.tsx?$/.test(entry.name)) files.push(full);
  }
  return files.sort();
}

const relative = (file: string): string => path.relative(path.resolve(webRoot, '../..'), file);

describe('the French catalogues of the web app', () => {
  it('hold every text passed to t() in src/web, each used, with the same placeholders', async () => {
    const files = await webFiles(webRoot);
    const sources: SourceFile[] = [];
    const catalogues: CatalogueFile[] = [];
    for (const file of files) {
      if (path.basename(file) === 'fr.ts') {
        const module = (await import(pathToFileURL(file).href)) as { fr?: Record<string, string> };
        expect(module.fr, `${relative(file)} exports its catalogue as \`fr\``).toBeTypeOf('object');
        catalogues.push({ path: relative(file), entries: module.fr ?? {} });
      } else if (!/\.test\.tsx?$/.test(file) && !file.includes(`${path.sep}i18n${path.sep}`)) {
        sources.push({ path: relative(file), text: await readFile(file, 'utf8') });
      }
    }
    const report = checkCatalogues(sources, catalogues);
    expect(report.problems).toEqual([]);
    // The shell is translated: the check is not passing because nothing calls t().
    expect(report.used.size).toBeGreaterThan(0);
  });
});

describe('the catalogue check', () => {
  const source = (text: string): SourceFile => ({ path: 'src/web/features/x/x.tsx', text });
  const catalogue = (entries: Record<string, string>): CatalogueFile => ({
    path: 'src/web/features/x/fr.ts',
    entries,
  });

  it('finds the English text of each t() call, in JSX and in plain code, with its place', () => {
    const found = findMessages(
      source(
        "const a = t('Readiness board');\nexport const B = () => <h1>{t(`Sign in`)}</h1>;\ntx('{who} signed', { who: <b /> });\n",
      ),
    );
    expect(found.messages).toEqual([
      { text: 'Readiness board', at: 'src/web/features/x/x.tsx:1:11' },
      { text: 'Sign in', at: 'src/web/features/x/x.tsx:2:29' },
      { text: '{who} signed', at: 'src/web/features/x/x.tsx:3:1' },
    ]);
    expect(found.problems).toEqual([]);
  });

  it('refuses a t() whose text is not a literal', () => {
    const found = findMessages(source('const word = "x";\nt(word);\nt(`a ${word}`);\n'));
    expect(found.problems).toEqual([
      'src/web/features/x/x.tsx:2:1: t()/tx() take the English text as a string literal (the check cannot read it otherwise)',
      'src/web/features/x/x.tsx:3:1: t()/tx() take the English text as a string literal (the check cannot read it otherwise)',
    ]);
  });

  it('names a text without French, and passes once it has one', () => {
    const sources = [source("t('Roster');")];
    expect(checkCatalogues(sources, []).problems).toEqual([
      'src/web/features/x/x.tsx:1:1: "Roster" has no French entry (add it to the fr.ts beside the feature)',
    ]);
    expect(checkCatalogues(sources, [catalogue({ Roster: 'Effectif' })]).problems).toEqual([]);
  });

  it('names a French entry nobody uses', () => {
    expect(checkCatalogues([], [catalogue({ Gone: 'Parti' })]).problems).toEqual([
      'src/web/features/x/fr.ts: "Gone" is not passed to t() anywhere (remove it)',
    ]);
  });

  it('names French whose placeholders differ from the English, and invalid ICU', () => {
    const sources = [source("t('{count, plural, one {# builder} other {# builders}} at {level}');")];
    expect(
      checkCatalogues(sources, [
        catalogue({
          '{count, plural, one {# builder} other {# builders}} at {level}': '{n} bâtisseurs au {level}',
        }),
      ]).problems,
    ).toEqual([
      'src/web/features/x/fr.ts: the French of "{count, plural, one {# builder} other {# builders}} at {level}" has placeholders {level, n}, the English {count, level}',
    ]);
    expect(checkCatalogues([source("t('Broken {name');")], []).problems[0]).toMatch(
      /"Broken \{name" is not a valid ICU message/,
    );
  });

  it('reads "Name <email>" as text, as the app formats it', () => {
    const sources = [source("t('{name} <{email}>');")];
    expect(
      checkCatalogues(sources, [catalogue({ '{name} <{email}>': '{name} <{email}>' })]).problems,
    ).toEqual([]);
  });

  it('names one English text translated two ways in two features', () => {
    const sources = [source("t('Level');")];
    const other: CatalogueFile = { path: 'src/web/features/y/fr.ts', entries: { Level: 'Échelon' } };
    expect(checkCatalogues(sources, [catalogue({ Level: 'Niveau' }), other]).problems).toEqual([
      'src/web/features/y/fr.ts: "Level" is translated differently in src/web/features/x/fr.ts ("Niveau" vs "Échelon"): keep one',
    ]);
  });
});
