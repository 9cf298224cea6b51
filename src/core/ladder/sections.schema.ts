import { z } from 'zod';
import type { PathSegment } from './source-positions.js';

/**
 * The page sections a ladder declares (issue 16): each with its heading, its kind and the level field
 * that fills it. A ladder without `sections` gets today's sections (DEFAULT_SECTION_FIELDS, in that
 * order), so the shipped page and every file written before keep their pages.
 */

const text = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');
const id = z
  .string({ error: 'expected an id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id (a-z, 0-9, -)');

/** How a section shows its field: paragraphs, a bulleted or check list, a table, phases, areas by category. */
export const SECTION_KINDS = [
  'prose',
  'list',
  'checklist',
  'table',
  'curriculum',
  'competency_matrix',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The level fields a section may show, each with the kinds that can show it (the first is the usual one). */
export const LEVEL_SECTION_FIELDS = {
  what_you_do: ['list', 'checklist'],
  ai_skills: ['list', 'checklist'],
  expectations: ['competency_matrix'],
  self_evaluation: ['checklist', 'list'],
  curriculum: ['curriculum'],
  ranking_standard: ['table'],
} as const satisfies Record<string, readonly SectionKind[]>;
export type LevelSectionField = keyof typeof LEVEL_SECTION_FIELDS;
const LEVEL_FIELD_NAMES = Object.keys(LEVEL_SECTION_FIELDS) as LevelSectionField[];

/** What the level's own `content` block may fill: any kind but the two with a shape of their own. */
export const CONTENT_KINDS = [
  'prose',
  'list',
  'checklist',
  'table',
] as const satisfies readonly SectionKind[];

const CONTENT_NAME = /^[a-z][a-z0-9_-]*$/;
const FIELD_PATTERN = new RegExp(`^(?:${LEVEL_FIELD_NAMES.join('|')}|content\\.[a-z][a-z0-9_-]*)$`);
const FIELD_WORDS = `expected a level field (${LEVEL_FIELD_NAMES.join(', ')}) or content.<name>`;

export const sectionSchema = z.strictObject({
  id,
  heading: text,
  kind: z.enum(SECTION_KINDS, { error: `expected one of: ${SECTION_KINDS.join(', ')}` }),
  field: z.string({ error: FIELD_WORDS }).regex(FIELD_PATTERN, FIELD_WORDS),
});
export type SectionDefinition = z.infer<typeof sectionSchema>;

export const sectionsSchema = z.array(sectionSchema).min(1, 'expected at least one section');

const contentItem = z.union([text, z.strictObject({ name: text, description: text.optional() })], {
  error: 'expected text, or an item { name, description }',
});
const contentTable = z.strictObject({
  head: z.array(text).min(1, 'expected at least one column heading'),
  rows: z.array(z.array(text).min(1, 'expected at least one cell')).min(1, 'expected at least one row'),
});
export type ContentItem = z.infer<typeof contentItem>;
export type ContentTable = z.infer<typeof contentTable>;

/** What a level writes under `content.<name>`: paragraphs or items (a list), or a table `{ head, rows }`. */
export const sectionContentSchema = z.union(
  [z.array(contentItem).min(1, 'expected at least one item'), contentTable],
  {
    error: 'expected a list (paragraphs or items { name, description }) or a table { head, rows }',
  },
);
export type SectionContent = z.infer<typeof sectionContentSchema>;

export const levelContentSchema = z.record(
  z.string().regex(CONTENT_NAME, 'expected a content name (a-z, 0-9, _ and -, starting with a letter)'),
  sectionContentSchema,
);

/** Today's sections, in today's order: the page of a ladder that declares none (headings come from its locale). */
export const DEFAULT_SECTION_FIELDS: readonly { id: string; kind: SectionKind; field: LevelSectionField }[] =
  [
    { id: 'what-you-do', kind: 'list', field: 'what_you_do' },
    { id: 'ai-skills', kind: 'list', field: 'ai_skills' },
    { id: 'competencies', kind: 'competency_matrix', field: 'expectations' },
    { id: 'self-evaluation', kind: 'checklist', field: 'self_evaluation' },
    { id: 'curriculum', kind: 'curriculum', field: 'curriculum' },
    { id: 'ranking-standard', kind: 'table', field: 'ranking_standard' },
  ];

/** The `content` name a section's field names (`content.scope` → `scope`), undefined for a level field. */
export function contentName(field: string): string | undefined {
  return field.startsWith('content.') ? field.slice('content.'.length) : undefined;
}

interface SectionProblem {
  path: PathSegment[];
  message: string;
  key?: boolean;
}

/** The `content` entries a level writes, for the sections check. */
export interface LevelForSections {
  content: Readonly<Record<string, SectionContent | undefined>> | undefined;
}

/**
 * The checks of declared sections across the document: ids and fields once each, a kind that can show
 * its field, and every level's content shown by a section and in the shape its section's kind reads.
 * (A level field the sections leave out is not lost: it follows them under its default heading.)
 */
export function checkSections(
  sections: readonly (SectionDefinition | undefined)[] | undefined,
  levels: readonly { level: LevelForSections; index: number }[],
  sectionsWhole: boolean,
): SectionProblem[] {
  const problems: SectionProblem[] = [];
  const byField = new Map<string, { section: SectionDefinition; index: number }>();
  const seenId = new Map<string, number>();
  (sections ?? []).forEach((section, index) => {
    if (section === undefined) return;
    const firstId = seenId.get(section.id);
    if (firstId === undefined) seenId.set(section.id, index);
    else
      problems.push({
        path: ['sections', index, 'id'],
        message: `duplicate section id "${section.id}" (first at index ${firstId})`,
      });
    const first = byField.get(section.field);
    if (first !== undefined) {
      problems.push({
        path: ['sections', index, 'field'],
        message: `duplicate section for field ${section.field} (first at index ${first.index}): a field fills one section`,
      });
      return;
    }
    byField.set(section.field, { section, index });
    const name = contentName(section.field);
    // A field the schema refused stays in a salvaged document (right type, wrong value): nothing to check.
    const allowed: readonly SectionKind[] | undefined =
      name === undefined ? LEVEL_SECTION_FIELDS[section.field as LevelSectionField] : CONTENT_KINDS;
    if (allowed !== undefined && SECTION_KINDS.includes(section.kind) && !allowed.includes(section.kind)) {
      problems.push({
        path: ['sections', index, 'kind'],
        message:
          name === undefined
            ? `a ${section.kind} section cannot show ${section.field}: expected kind ${allowed.join(' or ')}`
            : `a ${section.kind} section shows a level field (${fieldsOfKind(section.kind)}), not content.${name}: expected kind ${allowed.join(', ')}`,
      });
    }
  });

  const declared = sections !== undefined;
  const contentSections = [...byField.keys()].filter((field) => contentName(field) !== undefined);
  for (const { level, index } of levels) {
    for (const [name, content] of Object.entries(level.content ?? {})) {
      const path: PathSegment[] = ['levels', index, 'content', name];
      const shown = byField.get(`content.${name}`);
      if (shown === undefined) {
        if (!sectionsWhole) continue;
        problems.push({
          path,
          key: true,
          message: !declared
            ? `no section shows content "${name}": the ladder declares no sections (add one with field: content.${name})`
            : `no section shows content "${name}" (${contentSections.length === 0 ? 'no section shows content' : `sections show ${contentSections.join(', ')}`})`,
        });
        continue;
      }
      if (content === undefined) continue;
      problems.push(...contentShapeProblems(shown.section, content, path));
    }
  }
  return problems;
}

function fieldsOfKind(kind: SectionKind): string {
  return LEVEL_FIELD_NAMES.filter((field) =>
    (LEVEL_SECTION_FIELDS[field] as readonly SectionKind[]).includes(kind),
  ).join(', ');
}

/** A level's content in the shape its section's kind reads: paragraphs for prose, rows as wide as the head. */
function contentShapeProblems(
  section: SectionDefinition,
  content: SectionContent,
  path: PathSegment[],
): SectionProblem[] {
  const isTable = !Array.isArray(content);
  if (section.kind === 'table') {
    if (!isTable)
      return [
        {
          path,
          message: `section "${section.id}" is a table: expected { head: [column, …], rows: [[cell, …], …] }`,
        },
      ];
    return content.rows.flatMap((row, r): SectionProblem[] =>
      row.length === content.head.length
        ? []
        : [
            {
              path: [...path, 'rows', r],
              message: `expected ${content.head.length} cells (the head has ${content.head.length} columns), not ${row.length}`,
            },
          ],
    );
  }
  if (isTable)
    return [
      {
        path,
        message: `section "${section.id}" is ${section.kind === 'prose' ? 'prose' : `a ${section.kind}`}: expected a list, not a table`,
      },
    ];
  if (section.kind !== 'prose') return [];
  return content.flatMap((item, i): SectionProblem[] =>
    typeof item === 'string'
      ? []
      : [
          {
            path: [...path, i],
            message: `section "${section.id}" is prose: expected a paragraph (text), not an item { name, description }`,
          },
        ],
  );
}
