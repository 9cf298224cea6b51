import { Card } from '../../../components/ui/card';
import { TableScroll } from '../../../components/ui/table-scroll';
import type { Level, SectionContent, SectionDefinition } from '../../../types/ladder';

function ContentBody({
  heading,
  kind,
  content,
}: {
  heading: string;
  kind: SectionDefinition['kind'];
  content: SectionContent;
}) {
  if (!Array.isArray(content)) {
    return (
      <TableScroll label={heading}>
        <table>
          <thead>
            <tr>
              {content.head.map((heading) => (
                <th scope="col" key={heading}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {content.rows.map((row) => (
              <tr key={row.join('\u0000')}>
                {row.map((cell, i) => (
                  <td key={`${i}-${cell}`}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  }
  if (kind === 'prose')
    return (
      <>
        {content.map((paragraph) => {
          const text = typeof paragraph === 'string' ? paragraph : paragraph.name;
          return <p key={text}>{text}</p>;
        })}
      </>
    );
  return (
    <ul className={kind === 'checklist' ? 'described checklist' : 'described'}>
      {content.map((item) => {
        const key = typeof item === 'string' ? item : item.name;
        return (
          <li key={key}>
            {typeof item === 'string' ? (
              item
            ) : (
              <>
                <strong>{item.name}</strong>
                {item.description !== undefined && <span> — {item.description}</span>}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The ladder's own sections (`field: content.<name>`) with the headings it declares, in its order; a
 * section the level writes nothing for is left out.
 */
export function LevelSections({ level, sections }: { level: Level; sections: SectionDefinition[] }) {
  const own = sections.flatMap((section) => {
    if (!section.field.startsWith('content.')) return [];
    const content = level.content?.[section.field.slice('content.'.length)];
    return content === undefined ? [] : [{ section, content }];
  });
  return (
    <>
      {own.map(({ section, content }) => (
        <Card key={section.id} title={section.heading}>
          <ContentBody heading={section.heading} kind={section.kind} content={content} />
        </Card>
      ))}
    </>
  );
}
