import { TableScroll } from '../../../components/ui/table-scroll';
import type { SectionContent, SectionDefinition } from '../../../types/ladder';

/** What a level writes under one of the ladder's own sections, in the shape its kind reads. */
export function ContentBody({
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
