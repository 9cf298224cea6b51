import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Document, isCollection, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { z } from 'zod';
import { neutraliseCsvCell, restoreCsvCell } from '../input/csv-cell.js';
import {
  competencyAreaSchema,
  levelSchema,
  type CompetencyCategory,
  type Expectation,
  type LadderDocument,
} from './ladder.schema.js';
import type { PointsCompetency } from './points.schema.js';

/**
 * A ladder as a spreadsheet (issue 16, ADR 0022): one row per competency, one column per level, the
 * level's expectation in the cell. docs/ladder.md ("Matrix CSV") is the format:
 *
 *   category,competency,IC1: Engineer I,IC2: Engineer II
 *   Technical craft,Code quality,"Writes working code…\n- Fixes a bug and adds its test.",…
 *
 * - Row 1 is the header: `category`, `competency`, then one column per level headed `ID` or `ID: Title`
 *   (`track/ID: Title` when the ladder has several tracks), in the order of seniority. Optional columns
 *   anywhere after the first two: `category id`, `competency id`, `category description`,
 *   `competency description` (ids are derived from the names when there is no such column).
 * - Each further row is one competency area. An empty category cell continues the category above (a
 *   merged cell in the spreadsheet); a category's areas are grouped in the order first seen.
 * - A cell is the level's expectation: its first lines are the text, the lines after it that begin with
 *   `- ` (or `• `) are its examples. An empty cell: the level expects nothing in that area.
 * - Cells that would run as a formula are written with a leading `'` and read back without it (the
 *   product's CSV rule, src/core/input/csv-cell.ts).
 */

/** One problem of a matrix file, at its row (1 = the header) and column (A, B, … as a spreadsheet shows). */
export interface MatrixProblem {
  /** Absent for a problem of the ladder made from the matrix that no row or column holds. */
  row?: number;
  /** The column's letter, with its heading when it has one; absent for a problem of the whole row or file. */
  column?: string;
  message: string;
}

/** `file: row 4, column C (IC2: Engineer II): message` — where a spreadsheet user looks. */
export function formatMatrixProblem(file: string, problem: MatrixProblem): string {
  if (problem.row === undefined) return `${file}: ${problem.message}`;
  const at = problem.column === undefined ? '' : `, column ${problem.column}`;
  return `${file}: row ${problem.row}${at}: ${problem.message}`;
}

/** A level column of the matrix. */
export interface MatrixLevel {
  id: string;
  /** The track the header names (`track/ID`), when it names one. */
  track?: string;
  title?: string;
}

/** What a matrix file says: the competency categories and, per level column, its expectations. */
export interface CompetencyMatrix {
  categories: CompetencyCategory[];
  levels: (MatrixLevel & { expectations: Expectation[] })[];
  /**
   * The milestones of each competency from the `milestone N` columns (points ladders, ADR 0021), or
   * undefined when the matrix has no such column.
   */
  milestones?: PointsCompetency[];
  /** Where each thing was in the file, so a problem of the ladder made from it names the row and column. */
  at: {
    header: string[];
    /** The column index of each level, in `levels` order. */
    levelColumns: number[];
    /** The column index of milestone 1, 2, … */
    milestoneColumns: number[];
    /** The row of each category (where it is first named) and of each area, by id. */
    categoryRows: Map<string, number>;
    areaRows: Map<string, number>;
  };
}

const OPTIONAL_COLUMNS = {
  'category id': 'categoryId',
  'competency id': 'areaId',
  'category description': 'categoryDescription',
  'competency description': 'areaDescription',
} as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[keyof typeof OPTIONAL_COLUMNS];

const EXAMPLE_LINE = /^\s*[-•]\s+/u;

/** The spreadsheet's name of a column: A…Z, AA…. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A kebab-case id from a name (`Running what we ship` → `running-what-we-ship`); empty when no Latin letter or digit. */
export function idFromName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g)
      ?.join('-') ?? ''
  );
}

/** A column as a problem names it: its letter, with its heading when it has one (`C (IC2: Engineer II)`). */
export const heading = (cells: string[], index: number): string => {
  const title = cells[index]?.trim() ?? '';
  return title === '' ? columnLetter(index) : `${columnLetter(index)} (${title})`;
};

/** The schema's own message for a bad id, so the matrix and the ladder file refuse the same ids. */
function idProblem(schema: z.ZodType, value: string): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'not a valid id');
}

/** A cell: the expectation's text (its first lines) and its examples (the lines beginning with `- `). */
function readCell(cell: string): { text: string; examples: string[] } | { problem: string } | undefined {
  const lines = cell.replace(/\r\n?/g, '\n').split('\n');
  const text: string[] = [];
  const examples: string[] = [];
  for (const line of lines) {
    if (EXAMPLE_LINE.test(line)) examples.push(line.replace(EXAMPLE_LINE, '').trim());
    else if (line.trim() === '') continue;
    else if (examples.length > 0)
      return {
        problem: `"${line.trim()}" comes after the examples: write the expectation's text first, then one example per line beginning with "- "`,
      };
    else text.push(line.trim());
  }
  if (text.length === 0 && examples.length === 0) return undefined;
  if (text.length === 0)
    return {
      problem: `examples without the expectation's text: the cell's first line is what the level expects, the lines after it beginning with "- " are examples`,
    };
  if (examples.some((example) => example === ''))
    return { problem: 'an empty example: write the example after "- ", or remove the line' };
  return { text: text.join('\n'), examples };
}

/**
 * A competency's milestones from its `milestone N` cells: `POINTS: text`, then `- ` examples. The
 * filled cells come first: an empty milestone before a filled one is a gap.
 */
function readMilestones(
  cells: string[],
  columns: number[],
  header: string[],
  row: number,
  problems: MatrixProblem[],
): PointsCompetency['milestones'] {
  const scored: PointsCompetency['milestones'] = [];
  let empty: number | undefined;
  for (const [place, index] of columns.entries()) {
    const raw = cells[index] ?? '';
    if (raw.trim() === '') {
      empty ??= place;
      continue;
    }
    const column = heading(header, index);
    if (empty !== undefined) {
      problems.push({
        row,
        column,
        message: `milestone ${place + 1} without milestone ${empty + 1}: fill the milestones from the first`,
      });
      return [];
    }
    const scoredText = /^\s*(\d+)\s*(?:points?|pts?)?\s*:\s*/i.exec(raw);
    if (scoredText === null) {
      problems.push({
        row,
        column,
        message:
          'expected the points, a colon, then the milestone, e.g. "3: Designs the model for a new source"',
      });
      continue;
    }
    const read = readCell(raw.slice(scoredText[0].length));
    if (read === undefined || 'problem' in read) {
      problems.push({ row, column, message: read?.problem ?? 'expected the milestone after the points' });
      continue;
    }
    scored.push({
      points: Number(scoredText[1]),
      text: read.text,
      ...(read.examples.length > 0 ? { examples: read.examples } : {}),
    });
  }
  return scored;
}

/** Reads a matrix CSV: every problem with its row and column, or the categories and each level's expectations. */
export function parseCompetencyMatrix(
  source: string,
): { ok: true; matrix: CompetencyMatrix } | { ok: false; problems: MatrixProblem[] } {
  let rows: string[][];
  try {
    const parsed: unknown = parse(source, { bom: true, relax_column_count: true, skip_empty_lines: false });
    // Without `columns`, csv-parse gives every record as an array of its cells' texts.
    rows = parsed as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const record = (error as CsvError & { records?: number }).records ?? 0;
      return {
        ok: false,
        problems: [
          { row: record + 1, message: `not readable as CSV: ${error.message.replace(/^[^:]*:\s*/, '')}` },
        ],
      };
    }
    throw error;
  }
  rows = rows.map((cells) => cells.map(restoreCsvCell));
  const problems: MatrixProblem[] = [];
  const header = rows[0];
  if (header === undefined || header.every((cell) => cell.trim() === ''))
    return {
      ok: false,
      problems: [
        { row: 1, message: 'expected a header row: category, competency, then one column per level' },
      ],
    };
  for (const [index, expected] of ['category', 'competency'].entries()) {
    if ((header[index] ?? '').trim().toLowerCase() !== expected)
      problems.push({
        row: 1,
        column: heading(header, index),
        message: `expected the heading "${expected}" (the first two columns are category, competency, then one column per level)`,
      });
  }

  const optional = new Map<OptionalColumn, number>();
  const milestoneColumns = new Map<number, number>();
  const levels: { index: number; level: MatrixLevel }[] = [];
  const levelKeys = new Map<string, number>();
  header.forEach((raw, index) => {
    if (index < 2) return;
    const cell = raw.trim();
    const named = OPTIONAL_COLUMNS[cell.toLowerCase().replace(/[_-]/g, ' ') as keyof typeof OPTIONAL_COLUMNS];
    const milestone = /^milestone\s*(\d+)$/i.exec(cell);
    if (milestone !== null) {
      const number = Number(milestone[1]);
      const first = milestoneColumns.get(number);
      if (first !== undefined || number === 0)
        problems.push({
          row: 1,
          column: heading(header, index),
          message:
            number === 0
              ? 'milestones are numbered from 1'
              : `milestone ${number} has a second column (first in column ${columnLetter(first!)})`,
        });
      else milestoneColumns.set(number, index);
      return;
    }
    if (named !== undefined) {
      if (optional.has(named))
        problems.push({
          row: 1,
          column: heading(header, index),
          message: `a second "${cell}" column (first in column ${columnLetter(optional.get(named)!)})`,
        });
      else optional.set(named, index);
      return;
    }
    if (cell === '') {
      if (rows.slice(1).some((cells) => (cells[index] ?? '').trim() !== ''))
        problems.push({
          row: 1,
          column: columnLetter(index),
          message: 'a column with cells but no heading: head it with the level id, e.g. "IC2: Engineer II"',
        });
      return;
    }
    const colon = cell.indexOf(':');
    const ref = (colon === -1 ? cell : cell.slice(0, colon)).trim();
    const title = colon === -1 ? undefined : cell.slice(colon + 1).trim();
    const slash = ref.indexOf('/');
    const track = slash === -1 ? undefined : ref.slice(0, slash).trim();
    const id = slash === -1 ? ref : ref.slice(slash + 1).trim();
    const bad =
      idProblem(levelSchema.shape.id, id) ??
      (track === undefined ? undefined : idProblem(levelSchema.shape.track, track)) ??
      (title === '' ? 'a title after ":" may not be empty' : undefined);
    if (bad !== undefined) {
      problems.push({
        row: 1,
        column: heading(header, index),
        message: `level heading "${cell}": ${bad} (a level column is headed "ID" or "ID: Title")`,
      });
      return;
    }
    const key = track === undefined ? id : `${track}/${id}`;
    const first = levelKeys.get(key);
    if (first !== undefined) {
      problems.push({
        row: 1,
        column: heading(header, index),
        message: `level ${key} has a second column (first in column ${columnLetter(first)})`,
      });
      return;
    }
    levelKeys.set(key, index);
    levels.push({
      index,
      level: { id, ...(track === undefined ? {} : { track }), ...(title === undefined ? {} : { title }) },
    });
  });
  if (levels.length === 0 && milestoneColumns.size === 0 && problems.length === 0)
    problems.push({
      row: 1,
      message: 'expected at least one level column (or `milestone 1`, …) after category and competency',
    });

  const milestoneNumbers = [...milestoneColumns.keys()].sort((a, b) => a - b);
  milestoneNumbers.forEach((number, place) => {
    if (number !== place + 1)
      problems.push({
        row: 1,
        column: heading(header, milestoneColumns.get(number)!),
        message: `milestone ${number} without milestone ${place + 1}: milestones are numbered 1, 2, 3 … without gaps`,
      });
  });
  const milestoneOrder = milestoneNumbers.map((number) => milestoneColumns.get(number)!);
  const milestones: PointsCompetency[] = [];
  const categories: (CompetencyCategory & { row: number })[] = [];
  const areaRows = new Map<string, number>();
  const expectations = new Map<number, Expectation[]>(levels.map(({ index }) => [index, []]));
  let category: (CompetencyCategory & { row: number }) | undefined;
  // A refused category cell is reported once: the rows continuing it are not also "without a category".
  let categoryRefused = false;
  const width = header.length;
  rows.slice(1).forEach((cells, offset) => {
    const row = offset + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length > width) {
      problems.push({
        row,
        column: columnLetter(width),
        message: `${cells.length} cells in a row of a ${width}-column header: a cell without a heading (a stray comma?)`,
      });
      return;
    }
    const cell = (index: number | undefined): string =>
      index === undefined ? '' : (cells[index] ?? '').trim();
    const categoryName = cell(0);
    if (categoryName !== '') {
      const categoryId = cell(optional.get('categoryId')) || idFromName(categoryName);
      const idBad =
        categoryId === ''
          ? `cannot derive an id from "${categoryName}": add a "category id" column`
          : idProblem(competencyAreaSchema.shape.id, categoryId);
      if (idBad !== undefined) {
        problems.push({ row, column: heading(header, optional.get('categoryId') ?? 0), message: idBad });
        category = undefined;
        categoryRefused = true;
        return;
      }
      categoryRefused = false;
      category = categories.find((c) => c.id === categoryId);
      if (category === undefined) {
        const description = cell(optional.get('categoryDescription'));
        category = {
          id: categoryId,
          name: categoryName,
          ...(description === '' ? {} : { description }),
          areas: [],
          row,
        };
        categories.push(category);
      } else if (category.name !== categoryName) {
        problems.push({
          row,
          column: heading(header, 0),
          message: `category id ${categoryId} is "${category.name}" in row ${category.row}: one id, one name`,
        });
        return;
      }
    } else if (category === undefined) {
      if (!categoryRefused)
        problems.push({
          row,
          column: heading(header, 0),
          message:
            'expected the category of the first competency (an empty category cell continues the one above)',
        });
      return;
    }
    const areaName = cell(1);
    if (areaName === '') {
      problems.push({ row, column: heading(header, 1), message: "expected the competency's name" });
      return;
    }
    const areaId = cell(optional.get('areaId')) || idFromName(areaName);
    const idBad =
      areaId === ''
        ? `cannot derive an id from "${areaName}": add a "competency id" column`
        : idProblem(competencyAreaSchema.shape.id, areaId);
    if (idBad !== undefined) {
      problems.push({ row, column: heading(header, optional.get('areaId') ?? 1), message: idBad });
      return;
    }
    const firstRow = areaRows.get(areaId);
    if (firstRow !== undefined) {
      problems.push({
        row,
        column: heading(header, optional.get('areaId') ?? 1),
        message: `competency ${areaId} is already in row ${firstRow}: one row per competency`,
      });
      return;
    }
    areaRows.set(areaId, row);
    const description = cell(optional.get('areaDescription'));
    category.areas.push({ id: areaId, name: areaName, ...(description === '' ? {} : { description }) });
    for (const { index } of levels) {
      const read = readCell(cells[index] ?? '');
      if (read === undefined) continue;
      if ('problem' in read) {
        problems.push({ row, column: heading(header, index), message: read.problem });
        continue;
      }
      expectations.get(index)!.push({
        area: areaId,
        text: read.text,
        ...(read.examples.length > 0 ? { examples: read.examples } : {}),
      });
    }
    const scored = readMilestones(cells, milestoneOrder, header, row, problems);
    if (scored.length > 0) milestones.push({ area: areaId, milestones: scored });
  });
  if (problems.length === 0 && categories.length === 0)
    problems.push({ row: 2, message: 'expected at least one competency row under the header' });
  if (problems.length > 0)
    return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  return {
    ok: true,
    matrix: {
      categories: categories.map(({ row: _row, ...rest }) => rest),
      levels: levels.map(({ index, level }) => ({ ...level, expectations: expectations.get(index) ?? [] })),
      ...(milestoneOrder.length > 0 ? { milestones } : {}),
      at: {
        header,
        levelColumns: levels.map(({ index }) => index),
        milestoneColumns: milestoneOrder,
        categoryRows: new Map(categories.map((c) => [c.id, c.row])),
        areaRows,
      },
    },
  };
}

/** What names a new ladder made from a matrix alone (the file gives only competencies and levels). */
export interface NewLadderNames {
  ladder: string;
  name: string;
  version: string;
  /** The track of the levels whose heading names none. */
  track: { id: string; name: string };
}

const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: true } as const;

/**
 * A new ladder file from a matrix: its competency categories, one track per track the headings name
 * (the levels in column order), and each level `written` with its expectations. Validate it before use.
 */
export function ladderFromMatrix(matrix: CompetencyMatrix, names: NewLadderNames): string {
  const trackIds = [...new Set(matrix.levels.map((l) => l.track ?? names.track.id))];
  const doc = {
    ladder: names.ladder,
    name: names.name,
    version: names.version,
    competency_categories: matrix.categories,
    tracks: trackIds.map((id) => ({
      id,
      name: id === names.track.id ? names.track.name : id,
      levels: matrix.levels.filter((l) => (l.track ?? names.track.id) === id).map((l) => l.id),
    })),
    levels: matrix.levels.map((level) => ({
      id: level.id,
      title: level.title ?? level.id,
      track: level.track ?? names.track.id,
      status: 'written',
      ...(level.expectations.length > 0 ? { expectations: level.expectations } : {}),
    })),
  };
  const header = `# Imported from a competency matrix: review it, then validate and publish it (docs/ladder.md).\n`;
  const yaml = new Document(doc);
  // A track's levels on one line, as the ladder files write them: `levels: [IC1, IC2, IC3]`.
  doc.tracks.forEach((_, index) => {
    const levels = yaml.getIn(['tracks', index, 'levels'], true);
    if (isSeq(levels)) levels.flow = true;
  });
  return header + yaml.toString(YAML_OPTIONS);
}

/**
 * An existing ladder file with its competencies replaced by the matrix's: the categories, and the
 * expectations of every level the matrix has a column for (levels without a column keep theirs; the rest
 * of the file, comments included, is left as it was). Every matrix level must be in the ladder.
 */
export function mergeMatrixIntoLadder(
  source: string,
  doc: LadderDocument,
  matrix: CompetencyMatrix,
): { ok: true; source: string; levelIndexes: number[] } | { ok: false; problems: MatrixProblem[] } {
  const problems: MatrixProblem[] = [];
  const indexes: number[] = [];
  for (const [column, level] of matrix.levels.entries()) {
    const candidates = doc.levels
      .map((l, index) => ({ l, index }))
      .filter(({ l }) => l.id === level.id && (level.track === undefined || l.track === level.track));
    const found = candidates.length === 1 ? candidates[0] : undefined;
    if (found === undefined) {
      const key = level.track === undefined ? level.id : `${level.track}/${level.id}`;
      problems.push({
        row: 1,
        column: columnLetter(2 + column),
        message:
          candidates.length > 1
            ? `level ${key} is in several tracks (${candidates.map(({ l }) => l.track).join(', ')}): head the column "track/${level.id}"`
            : `level ${key} is not in the ladder (levels: ${doc.levels.map((l) => l.id).join(', ')})`,
      });
      continue;
    }
    indexes.push(found.index);
  }
  const firstMilestone = matrix.at.milestoneColumns[0];
  if (matrix.milestones !== undefined && doc.points === undefined && firstMilestone !== undefined)
    problems.push({
      row: 1,
      column: heading(matrix.at.header, firstMilestone),
      message:
        'milestone columns, but the ladder has no points block: add its bands first (docs/ladder.md, "Points and bands"), then import the milestones into it',
    });
  if (problems.length > 0) return { ok: false, problems };
  const edits: Edit[] = [];
  if (matrix.milestones !== undefined)
    edits.push({ path: ['points', 'competencies'], value: matrix.milestones });
  edits.push({ path: ['competency_categories'], value: matrix.categories, before: 'tracks' });
  matrix.levels.forEach((level, column) => {
    const index = indexes[column]!;
    // The file's own order of a level's areas is kept (new areas after them), so a merge moves nothing.
    const order = (doc.levels[index]?.expectations ?? []).map((e) => e.area);
    const place = (area: string): number => {
      const at = order.indexOf(area);
      return at === -1 ? order.length : at;
    };
    const expectations = [...level.expectations].sort((a, b) => place(a.area) - place(b.area));
    edits.push({
      path: ['levels', index, 'expectations'],
      value: expectations.length > 0 ? expectations : undefined,
    });
  });
  return { ok: true, source: applyEdits(source, edits), levelIndexes: indexes };
}

/** A field to set (or, with `value` undefined, to remove); a new field goes before `before` when given. */
interface Edit {
  path: (string | number)[];
  value: unknown;
  before?: string;
}

/**
 * The file with the edits made. Each replaced block is spliced into the source text, so every other byte
 * (comments, inline lists, folded text) stays as written; when a field is not in a shape the splice knows
 * (an inline value, a field to remove that opens its mapping), or the spliced text does not read back as
 * the edited document, the whole file is written again through the `yaml` library instead.
 */
function applyEdits(source: string, edits: Edit[]): string {
  const expected = parseDocument(source);
  for (const edit of edits) {
    if (edit.value === undefined) expected.deleteIn(edit.path);
    else expected.setIn(edit.path, expected.createNode(edit.value));
  }
  const spliced = spliceEdits(source, edits);
  if (spliced !== undefined && sameJson(parseDocument(spliced).toJS(), expected.toJS())) return spliced;
  return expected.toString(YAML_OPTIONS);
}

/** The same data, whatever the order of a mapping's keys (a spliced field may sit elsewhere than `setIn` puts it). */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, sorted(inner)]),
    );
  return value;
}

/** A block of YAML for `value`, its lines after the first indented by `column`. */
function block(value: unknown, column: number): string {
  const text = new Document(value).toString(YAML_OPTIONS);
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : ' '.repeat(column) + line))
    .join('\n');
}

const columnAt = (source: string, offset: number): number =>
  offset - (source.lastIndexOf('\n', offset - 1) + 1);

function spliceEdits(source: string, edits: Edit[]): string | undefined {
  const doc = parseDocument(source);
  const changes: { from: number; to: number; text: string }[] = [];
  for (const edit of edits) {
    const parent =
      doc.getIn(edit.path.slice(0, -1), true) ?? (edit.path.length === 1 ? doc.contents : undefined);
    const key = edit.path.at(-1);
    if (!isMap(parent) || parent.flow === true || parent.range == null || typeof key !== 'string')
      return undefined;
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
    const value = pair?.value;
    const keyStart = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    if (pair !== undefined) {
      if (!isCollection(value) || value.flow === true || value.range == null || keyStart === undefined)
        return undefined;
      if (edit.value === undefined) {
        // Only a field on its own line can go (not the first of a list item, `- expectations:`).
        const lineStart = source.lastIndexOf('\n', keyStart - 1) + 1;
        if (source.slice(lineStart, keyStart).trim() !== '') return undefined;
        changes.push({ from: lineStart, to: value.range[1], text: '' });
      } else {
        changes.push({
          from: value.range[0],
          to: value.range[1],
          text: block(edit.value, columnAt(source, value.range[0])),
        });
      }
      continue;
    }
    if (edit.value === undefined) continue;
    const first = parent.items[0]?.key;
    const column = isScalar(first) && first.range != null ? columnAt(source, first.range[0]) : 0;
    const before = parent.items.find((item) => isScalar(item.key) && item.key.value === edit.before)?.key;
    const beforeStart = isScalar(before) ? before.range?.[0] : undefined;
    const at = beforeStart === undefined ? parent.range[1] : source.lastIndexOf('\n', beforeStart - 1) + 1;
    const lead = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
    // Before a field that a blank line sets apart, the new field is set apart the same way.
    const gap = beforeStart !== undefined && source.slice(at - 2, at) === '\n\n' ? '\n' : '';
    const text = `${lead}${' '.repeat(column)}${key}:\n${' '.repeat(column + 2)}${block(edit.value, column + 2)}${gap}`;
    changes.push({ from: at, to: at, text });
  }
  let out = source;
  for (const change of changes.sort((a, b) => b.from - a.from))
    out = out.slice(0, change.from) + change.text + out.slice(change.to);
  return out;
}

/** A cell: the text, then one `- ` line per example (an example's own line breaks become spaces). */
function cellText(text: string, examples: readonly string[] | undefined): string {
  return [text, ...(examples ?? []).map((e) => `- ${e.replace(/\s*\n\s*/g, ' ')}`)].join('\n');
}

/** The ladder's competencies as a matrix CSV (see the format above); optional columns only when needed. */
export function exportCompetencyMatrix(doc: LadderDocument): string {
  const categories = doc.competency_categories ?? [];
  const areas = categories.flatMap((category) => category.areas.map((area) => ({ category, area })));
  const sharedIds = new Set(
    doc.levels.filter((l, i) => doc.levels.some((o, j) => j !== i && o.id === l.id)).map((l) => l.id),
  );
  // Headings name the track when several tracks have levels, so an import rebuilds the same tracks.
  const tracksWithLevels = new Set(doc.levels.map((l) => l.track)).size;
  const levelHeading = (level: LadderDocument['levels'][number]): string => {
    const key = sharedIds.has(level.id) || tracksWithLevels > 1 ? `${level.track}/${level.id}` : level.id;
    return level.title === level.id ? key : `${key}: ${level.title}`;
  };
  const milestoneCount = Math.max(0, ...(doc.points?.competencies ?? []).map((c) => c.milestones.length));
  const needs = {
    categoryId: categories.some((c) => c.id !== idFromName(c.name)),
    areaId: areas.some(({ area }) => area.id !== idFromName(area.name)),
    categoryDescription: categories.some((c) => c.description !== undefined),
    areaDescription: areas.some(({ area }) => area.description !== undefined),
  };
  const header = [
    'category',
    'competency',
    ...doc.levels.map(levelHeading),
    ...Array.from({ length: milestoneCount }, (_, n) => `milestone ${n + 1}`),
    ...(needs.categoryId ? ['category id'] : []),
    ...(needs.areaId ? ['competency id'] : []),
    ...(needs.categoryDescription ? ['category description'] : []),
    ...(needs.areaDescription ? ['competency description'] : []),
  ];
  const rows = areas.map(({ category, area }, index) => {
    const firstOfCategory = index === 0 || areas[index - 1]!.category !== category;
    return [
      // The category is named on every row, not only its first: a sorted or filtered sheet keeps it.
      category.name,
      area.name,
      ...doc.levels.map((level) => {
        const expectation = level.expectations?.find((e) => e.area === area.id);
        if (expectation === undefined) return '';
        return cellText(expectation.text, expectation.examples);
      }),
      ...Array.from({ length: milestoneCount }, (_, n) => {
        const milestone = doc.points?.competencies.find((c) => c.area === area.id)?.milestones[n];
        return milestone === undefined
          ? ''
          : `${milestone.points}: ${cellText(milestone.text, milestone.examples)}`;
      }),
      ...(needs.categoryId ? [category.id] : []),
      ...(needs.areaId ? [area.id] : []),
      ...(needs.categoryDescription ? [firstOfCategory ? (category.description ?? '') : ''] : []),
      ...(needs.areaDescription ? [area.description ?? ''] : []),
    ];
  });
  return stringify([header, ...rows], { cast: { string: neutraliseCsvCell } });
}

/** `levels[3].expectations[0].text` → `['levels', 3, 'expectations', 0, 'text']`. */
function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1]! : Number(m[2])));
}

/**
 * Where a problem of the ladder made from (or merged with) a matrix lies in the matrix: a level's field at
 * its column's heading, an expectation at its area's row and level's column, a category or area at its
 * row. `levelIndex` maps the ladder's level index to the matrix's level (a merge keeps the file's order).
 */
export function locateInMatrix(
  matrix: CompetencyMatrix,
  pathText: string,
  levelOfIndex: (index: number) => number | undefined = (index) => index,
): { row: number; column?: string } | undefined {
  const path = pathSegments(pathText);
  const { at } = matrix;
  const columnOf = (level: number): string | undefined => {
    const index = at.levelColumns[level];
    return index === undefined ? undefined : heading(at.header, index);
  };
  if (path[0] === 'levels' && typeof path[1] === 'number') {
    const level = levelOfIndex(path[1]);
    if (level === undefined) return undefined;
    const column = columnOf(level);
    if (path[2] === 'expectations' && typeof path[3] === 'number') {
      const area = matrix.levels[level]?.expectations[path[3]]?.area;
      const row = area === undefined ? undefined : at.areaRows.get(area);
      if (row !== undefined) return { row, ...(column === undefined ? {} : { column }) };
    }
    return { row: 1, ...(column === undefined ? {} : { column }) };
  }
  if (path[0] === 'points' && path[1] === 'competencies' && typeof path[2] === 'number') {
    const competency = matrix.milestones?.[path[2]];
    const row = competency === undefined ? undefined : at.areaRows.get(competency.area);
    if (row !== undefined) {
      const index =
        path[3] === 'milestones' && typeof path[4] === 'number' ? at.milestoneColumns[path[4]] : undefined;
      return { row, column: heading(at.header, index ?? 1) };
    }
  }
  if (path[0] === 'competency_categories' && typeof path[1] === 'number') {
    const category = matrix.categories[path[1]];
    if (category === undefined) return undefined;
    if (path[2] === 'areas' && typeof path[3] === 'number') {
      const area = category.areas[path[3]];
      const row = area === undefined ? undefined : at.areaRows.get(area.id);
      if (row !== undefined) return { row, column: heading(at.header, 1) };
    }
    const row = at.categoryRows.get(category.id);
    if (row !== undefined) return { row, column: heading(at.header, 0) };
  }
  return undefined;
}
