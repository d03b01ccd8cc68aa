/**
 * A table of units and their live figures — the overview's units one level down, the wall
 * screen's, and the city and province comparison: a name column, then one column per figure,
 * a figure optionally drawn with a bar (share of the largest) or marked when it needs attention.
 */
import type { HTMLAttributes, ReactNode } from 'react';

export interface FigureColumn<R> {
  title: string;
  value: (r: R) => ReactNode;
  /** The cell is marked (`dangerClass`) when this is true, e.g. overdue cases. */
  danger?: (r: R) => boolean;
  /** A bar under the figure, as this fraction (0–1) of the column's width. */
  bar?: (r: R) => number;
}

export function FiguresTable<R extends { id: string }>({
  nameTitle,
  columns,
  rows,
  nameCell,
  rowProps,
  className = 'children-table',
  dangerClass = 'danger',
  tableProps,
}: {
  nameTitle: string;
  columns: FigureColumn<R>[];
  rows: R[];
  nameCell: (r: R) => ReactNode;
  rowProps?: (r: R) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number>;
  className?: string;
  dangerClass?: string;
  tableProps?: Record<`data-${string}`, string>;
}) {
  return (
    <table className={className} {...tableProps}>
      <thead>
        <tr>
          <th scope="col">{nameTitle}</th>
          {columns.map((c) => (
            <th scope="col" key={c.title}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} {...rowProps?.(r)}>
            <th scope="row">{nameCell(r)}</th>
            {columns.map((c) => (
              <td key={c.title} className={c.danger?.(r) ? dangerClass : undefined}>
                {c.value(r)}
                {c.bar && <span className="bar" aria-hidden="true" style={{ width: `${Math.min(1, c.bar(r)) * 100}%` }} />}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
