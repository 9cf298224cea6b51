import type { LadderDocument } from './ladder.schema.js';
import { findLevel } from './ladder-lookup.js';
import {
  buildLevelPage,
  type Block,
  type LevelPage,
  type LevelPageOptions,
  type ListItem,
} from './level-page.js';

export type RenderFormat = 'md' | 'html';

/**
 * Renders one level of a ladder as a standalone page, in the ladder's language; undefined when the level
 * does not exist. `options.choices` adds the organisation's own choices on the level.
 */
export function renderLevel(
  doc: LadderDocument,
  levelId: string,
  format: RenderFormat,
  options: LevelPageOptions = {},
): string | undefined {
  const level = findLevel(doc, levelId);
  if (level === undefined) return undefined;
  const page = buildLevelPage(doc, level, options);
  return format === 'md' ? renderMarkdown(page) : renderHtml(page);
}

// ---------- Markdown ----------

function mdEscapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mdItem(item: ListItem): string {
  const label = item.label === undefined ? '' : `**${item.label}**`;
  const badge = item.badge === undefined ? '' : ` _(${item.badge})_`;
  const text = item.text ?? '';
  if (label === '') return `${text}${badge}`;
  return text === '' ? `${label}${badge}` : `${label}${badge} — ${text}`;
}

function mdList(items: ListItem[], checklist: boolean, indent = ''): string[] {
  return items.flatMap((item) => [
    `${indent}- ${checklist ? '[ ] ' : ''}${mdItem(item)}`,
    ...mdList(item.children ?? [], false, `${indent}  `),
  ]);
}

function mdBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'subheading':
      return `### ${block.text}`;
    case 'list':
      return mdList(block.items, block.checklist === true).join('\n');
    case 'table':
      return [
        `| ${block.head.map(mdEscapeCell).join(' | ')} |`,
        `| ${block.head.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(mdEscapeCell).join(' | ')} |`),
      ].join('\n');
  }
}

/** The page as Markdown, the way the organisation would publish it in a wiki. */
export function renderMarkdown(page: LevelPage): string {
  const parts: string[] = [
    `# ${page.title}`,
    `_${page.trackName} · ${page.versionLabel} (${page.versionText})_`,
  ];
  if (page.trackDescription !== undefined) parts.push(`_${page.trackName}:_ ${page.trackDescription}`);
  if (page.notice !== undefined) parts.push(`> **${page.noticeLabel}** ${page.notice}`);
  if (page.tagline !== undefined) parts.push(`> “${page.tagline}”`);
  parts.push(...page.intro);
  for (const section of page.sections) {
    parts.push(`## ${section.heading}`, ...section.blocks.map(mdBlock));
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------- HTML ----------

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function htmlItem(item: ListItem, checklist: boolean): string {
  const label = item.label === undefined ? '' : `<strong>${escapeHtml(item.label)}</strong>`;
  const badge = item.badge === undefined ? '' : ` <span class="badge">${escapeHtml(item.badge)}</span>`;
  const text = item.text === undefined ? '' : escapeHtml(item.text);
  const body =
    label === '' ? `${text}${badge}` : text === '' ? `${label}${badge}` : `${label}${badge} — ${text}`;
  const box = checklist ? '<span class="box" aria-hidden="true"></span>' : '';
  const children = item.children === undefined ? '' : htmlList(item.children, false);
  return `<li>${box}${body}${children}</li>`;
}

function htmlList(items: ListItem[], checklist: boolean): string {
  return `<ul${checklist ? ' class="checklist"' : ''}>${items.map((item) => htmlItem(item, checklist)).join('')}</ul>`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'list':
      return htmlList(block.items, block.checklist === true);
    case 'table':
      // Each cell carries its column name so the table can fold into cards on a narrow screen.
      return (
        `<table><thead><tr>${block.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
        block.rows
          .map(
            (row) =>
              `<tr>${row.map((cell, i) => `<td data-label="${escapeHtml(block.head[i] ?? '')}">${escapeHtml(cell)}</td>`).join('')}</tr>`,
          )
          .join('') +
        '</tbody></table>'
      );
  }
}

const STYLE = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#5f6368;--line:#d9dce1;--accent:#3a5bd9;--soft:#f4f6fb}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.1rem 3rem}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 .25rem}
h1{font-size:clamp(1.6rem,5vw,2.3rem);line-height:1.2;margin:.2rem 0 1rem}
h2{font-size:1.3rem;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
blockquote{margin:1rem 0;padding:.6rem 1rem;border-left:4px solid var(--accent);background:var(--soft);font-style:italic}
.notice{padding:.7rem 1rem;border:1px solid #e6c46b;background:#fff8e1;border-radius:6px}
ul{padding-left:1.3rem}li{margin:.35rem 0}
ul.checklist{list-style:none;padding-left:0}
ul.checklist li{display:flex;gap:.6rem;align-items:flex-start}
.box{flex:none;width:1rem;height:1rem;margin-top:.3rem;border:2px solid var(--muted);border-radius:3px}
.badge{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;padding:0 .45rem;border-radius:999px;background:var(--accent);color:#fff;vertical-align:middle}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.5rem .6rem;border-bottom:1px solid var(--line)}
th{background:var(--soft)}
@media (max-width:36rem){
  table,thead,tbody,tr,td{display:block}thead{display:none}
  tr{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;padding:.2rem 0}
  td{border:0;padding:.25rem .7rem}
  td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted);text-transform:uppercase}
}
@media print{
  body{font-size:11pt}main{max-width:none;padding:0}
  h2{break-after:avoid}li,tr{break-inside:avoid}
  .badge{border:1px solid #000;color:#000;background:none}
}`;

/** The page as one standalone HTML document: no scripts, no external files, printable, readable on a phone. */
export function renderHtml(page: LevelPage): string {
  const body: string[] = [
    `<p class="meta">${escapeHtml(page.ladderName)} · ${escapeHtml(page.trackName)} · <time datetime="${escapeHtml(page.version)}">${escapeHtml(page.versionLabel)}</time></p>`,
    `<h1>${escapeHtml(page.title)}</h1>`,
  ];
  if (page.trackDescription !== undefined)
    body.push(
      `<p class="track"><strong>${escapeHtml(page.trackName)}:</strong> ${escapeHtml(page.trackDescription)}</p>`,
    );
  if (page.notice !== undefined)
    body.push(
      `<p class="notice"><strong>${escapeHtml(page.noticeLabel)}</strong> ${escapeHtml(page.notice)}</p>`,
    );
  if (page.tagline !== undefined) body.push(`<blockquote>“${escapeHtml(page.tagline)}”</blockquote>`);
  body.push(...page.intro.map((p) => `<p>${escapeHtml(p)}</p>`));
  for (const section of page.sections) {
    body.push(
      `<section id="${escapeHtml(section.id)}"><h2>${escapeHtml(section.heading)}</h2>${section.blocks.map(htmlBlock).join('\n')}</section>`,
    );
  }
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)} · ${escapeHtml(page.trackName)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    ...body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
