import type { Heading, Root, RootContent, Yaml } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { parse as parseYaml } from 'yaml';
import { ADR_STATUSES } from '../evidence/evidence.schema.js';

/**
 * Reads one architecture decision record (issue 10) in the two common formats:
 * - Nygard (adr-tools): `# 1. Title`, then `## Status` / `## Context` / `## Decision` / `## Consequences`
 *   sections, and often a `Date: 2024-01-31` line under the title;
 * - MADR: YAML front matter (`status`, `date`, `deciders`), `# Title`, and in MADR 2 `* Status: …` /
 *   `* Deciders: …` / `* Date: …` bullet lines instead of front matter.
 * The markdown is parsed by mdast (CommonMark + front matter), never by regular expressions over raw text.
 */

export type AdrStatus = (typeof ADR_STATUSES)[number];

export interface AdrDocument {
  format: 'madr' | 'nygard';
  title: string;
  status: AdrStatus;
  /** YYYY-MM-DD when the document says; null when only git can tell. */
  date: string | null;
  /** As written (names, emails or GitHub logins); empty when the document names nobody. */
  deciders: string[];
}

export type AdrParse = { ok: true; value: AdrDocument } | { ok: false; field: string; message: string };

// Statuses people write, mapped to the ledger's five. MADR's "draft" and adr-tools' "superceded" included.
const STATUS_WORDS: Record<string, AdrStatus> = {
  proposed: 'proposed',
  draft: 'proposed',
  open: 'proposed',
  accepted: 'accepted',
  approved: 'accepted',
  done: 'accepted',
  rejected: 'rejected',
  declined: 'rejected',
  deprecated: 'deprecated',
  superseded: 'superseded',
  superceded: 'superseded',
};

/** The ledger status of a status text (`Superseded by [ADR-0005](…)` → superseded); undefined if unknown. */
export function adrStatusOf(text: string): AdrStatus | undefined {
  const word = /[a-z]+/i.exec(text.trim())?.[0]?.toLowerCase();
  return word === undefined ? undefined : STATUS_WORDS[word];
}

function isoDateOf(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const match = /\b(\d{4}-\d{2}-\d{2})\b/.exec(value);
  if (match?.[1] === undefined) return null;
  const date = new Date(`${match[1]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[1] ? null : match[1];
}

/** Deciders as a list: YAML list, or a comma/semicolon separated string ("Ana, Tom"). */
function decidersOf(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(/[,;]/)
      : [];
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** `Status: accepted`-style metadata lines of the body (Nygard's Date line, MADR 2 bullets). */
function metadataLines(root: Root): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (node: RootContent): void => {
    if (node.type === 'paragraph') {
      for (const line of toString(node).split('\n')) {
        const match = /^\s*(status|date|deciders)\s*:\s*(.+)$/i.exec(line);
        const key = match?.[1]?.toLowerCase();
        if (key !== undefined && match?.[2] !== undefined && !found.has(key)) found.set(key, match[2].trim());
      }
    } else if (node.type === 'list') {
      for (const item of node.children) for (const child of item.children) visit(child);
    }
  };
  // Only the metadata block between the title and the first section counts.
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth >= 2) break;
    visit(node);
  }
  return found;
}

/** The text of the section under a `## Name` heading, up to the next heading of the same or higher level. */
function sectionText(root: Root, name: string): string | undefined {
  const nodes = root.children;
  const start = nodes.findIndex(
    (node) => node.type === 'heading' && node.depth >= 2 && toString(node).trim().toLowerCase() === name,
  );
  if (start < 0) return undefined;
  const depth = (nodes[start] as Heading).depth;
  const parts: string[] = [];
  for (const node of nodes.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= depth) break;
    parts.push(toString(node));
  }
  return parts.join('\n').trim();
}

/** Parses one ADR; a problem names the field (`title`, `status`) so the importer can say file: field: problem. */
export function parseAdr(markdown: string): AdrParse {
  const root = fromMarkdown(markdown, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  });
  let front: Record<string, unknown> = {};
  const yamlNode = root.children.find((node): node is Yaml => node.type === 'yaml');
  if (yamlNode !== undefined) {
    let parsed: unknown;
    try {
      parsed = parseYaml(yamlNode.value);
    } catch (error) {
      return {
        ok: false,
        field: 'front matter',
        message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      };
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      front = parsed as Record<string, unknown>;
    else if (parsed !== null)
      return { ok: false, field: 'front matter', message: 'expected key: value pairs' };
  }
  const heading = root.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  const rawTitle =
    typeof front.title === 'string' ? front.title : heading === undefined ? '' : toString(heading);
  // "1. Record architecture decisions" / "ADR-0003: Use PostgreSQL" → the words after the number.
  const title = rawTitle.replace(/^\s*(?:ADR[-\s]?)?\d+\s*[.:—–-]?\s+/i, '').trim();
  if (title === '')
    return { ok: false, field: 'title', message: 'expected a "# Title" heading or a title in front matter' };

  const meta = metadataLines(root);
  const statusSection = sectionText(root, 'status');
  const statusText =
    typeof front.status === 'string' ? front.status : (meta.get('status') ?? statusSection?.split('\n')[0]);
  if (statusText === undefined || statusText.trim() === '') {
    return {
      ok: false,
      field: 'status',
      message: 'expected a "## Status" section or status in front matter',
    };
  }
  const status = adrStatusOf(statusText);
  if (status === undefined) {
    return {
      ok: false,
      field: 'status',
      message: `unknown status "${statusText.trim()}"; expected one of: ${ADR_STATUSES.join(', ')} (or draft)`,
    };
  }
  const hasFront = yamlNode !== undefined;
  const isNygard = statusSection !== undefined && sectionText(root, 'decision') !== undefined;
  return {
    ok: true,
    value: {
      format: hasFront || !isNygard ? 'madr' : 'nygard',
      title,
      status,
      date: isoDateOf(front.date) ?? isoDateOf(meta.get('date')),
      deciders: decidersOf(front.deciders ?? meta.get('deciders')),
    },
  };
}
