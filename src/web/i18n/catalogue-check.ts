import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript';

/**
 * The catalogue check behind catalogues.test.ts (not shipped in the app): reads every `t(…)` call of the
 * web sources and compares the English texts with the French catalogues.
 */
export interface SourceFile {
  path: string;
  text: string;
}

export interface CatalogueFile {
  path: string;
  entries: Readonly<Record<string, string>>;
}

export interface CatalogueReport {
  /** Every English text passed to `t`, with the first place it is used. */
  used: Map<string, string>;
  problems: string[];
}

/** The English texts passed to `t(…)` in one source file, and the calls whose text is not a literal. */
export function findMessages(file: SourceFile): {
  messages: { text: string; at: string }[];
  problems: string[];
} {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const messages: { text: string; at: string }[] = [];
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 't' || node.expression.text === 'tx')
    ) {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      const at = `${file.path}:${line + 1}:${character + 1}`;
      const first = node.arguments[0];
      if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        messages.push({ text: first.text, at });
      } else {
        problems.push(
          `${at}: t()/tx() take the English text as a string literal (the check cannot read it otherwise)`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { messages, problems };
}

/** The argument names of an ICU message (`{name}`, `{count, plural, …}`), or its syntax error. */
export function placeholdersOf(message: string, locale: string): Set<string> | string {
  let ast;
  try {
    // As i18next-icu formats it: `<…>` is text ("Name <email>"), not a tag.
    ast = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const names = new Set<string>();
  const walk = (elements: typeof ast): void => {
    for (const element of elements) {
      // Type 0 is literal text (the parser's TYPE enum is not exported by intl-messageformat).
      if ('value' in element && typeof element.value === 'string' && Number(element.type) !== 0)
        names.add(element.value);
      if ('options' in element)
        for (const option of Object.values(element.options)) walk((option as { value: typeof ast }).value);
      if ('children' in element) walk(element.children);
    }
  };
  walk(ast);
  return names;
}

/**
 * Every problem between the sources and the French catalogues: a text without French, a French entry no
 * source uses, one English text translated two ways, a message that is not valid ICU, or French whose
 * placeholders differ from the English.
 */
export function checkCatalogues(sources: SourceFile[], catalogues: CatalogueFile[]): CatalogueReport {
  const used = new Map<string, string>();
  const problems: string[] = [];
  for (const file of sources) {
    const found = findMessages(file);
    problems.push(...found.problems);
    for (const { text, at } of found.messages) if (!used.has(text)) used.set(text, at);
  }
  const french = new Map<string, { value: string; path: string }>();
  for (const catalogue of catalogues) {
    for (const [english, value] of Object.entries(catalogue.entries)) {
      const earlier = french.get(english);
      if (earlier !== undefined && earlier.value !== value) {
        problems.push(
          `${catalogue.path}: "${english}" is translated differently in ${earlier.path} ("${earlier.value}" vs "${value}"): keep one`,
        );
      }
      french.set(english, { value, path: catalogue.path });
      if (!used.has(english))
        problems.push(`${catalogue.path}: "${english}" is not passed to t() anywhere (remove it)`);
    }
  }
  for (const [english, at] of used) {
    const englishNames = placeholdersOf(english, 'en');
    if (typeof englishNames === 'string') {
      problems.push(`${at}: "${english}" is not a valid ICU message: ${englishNames}`);
      continue;
    }
    const entry = french.get(english);
    if (entry === undefined) {
      problems.push(`${at}: "${english}" has no French entry (add it to the fr.ts beside the feature)`);
      continue;
    }
    const frenchNames = placeholdersOf(entry.value, 'fr');
    if (typeof frenchNames === 'string') {
      problems.push(`${entry.path}: the French of "${english}" is not a valid ICU message: ${frenchNames}`);
      continue;
    }
    const a = [...englishNames].sort().join(', ');
    const b = [...frenchNames].sort().join(', ');
    if (a !== b)
      problems.push(`${entry.path}: the French of "${english}" has placeholders {${b}}, the English {${a}}`);
  }
  return { used, problems };
}
