import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { CellDoubleClickedEvent, ColDef, ColGroupDef, GridApi, RowClassParams, SortChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { PivotCell } from '../../../../shared/api/pivot';
import { gridTheme } from '../../components/DataGrid';
import type { GridOrder } from './pivotState';
import { formatValue, TOTAL_COLUMN_ID, columnComparator, type WideRow, type WideTable } from './pivotTable';

/** Where a double-clicked cell sits: the row and column keys the drill-through asks for. */
export type CellKey = Record<string, PivotCell>;

function cellNumber(row: WideRow | undefined, id: string): number | null {
  const v = row?.cells[id];
  return typeof v === 'number' ? v : null;
}

/** Wide enough for the header in full (人数（占行合计%）), its sort arrow included. */
function headerWidth(header: string): number {
  let units = 0;
  for (const ch of header) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return Math.max(100, Math.min(220, units * 7 + 40));
}

/** The wide pivot in AG Grid Community: column groups built here (pivot mode is Enterprise). */
export function PivotGrid({ table, order, headerOf, onOrder, onDrill, onReady }: {
  readonly table: WideTable;
  readonly order: GridOrder | null;
  readonly headerOf: (field: WideTable['valueFields'][number]) => string;
  readonly onOrder: (order: GridOrder | null) => void;
  readonly onDrill: (key: CellKey, label: string) => void;
  readonly onReady: (api: GridApi<WideRow>) => void;
}): ReactNode {
  const api = useRef<GridApi<WideRow> | null>(null);
  // New columns start in the current order; a change of order alone is applied to the grid's state
  // (below), not by new column definitions, which would make the grid sort its rows twice.
  const orderRef = useRef(order);
  orderRef.current = order;
  const columnDefs = useMemo(() => {
    const current = orderRef.current;
    const sortOf = (colId: string): 'asc' | 'desc' | null => (current?.colId === colId ? current.direction : null);
    const rowCols: ColDef<WideRow>[] = table.rowFields.map((f) => {
      const rowCompare = columnComparator(`row:${f.key}`);
      return {
      colId: `row:${f.key}`,
      headerName: f.label,
      pinned: 'left',
      width: 130,
      // The natural order of the dimension (the engine's), not the labels' character codes.
      comparator: (_a, _b, nodeA, nodeB, descending) =>
        (nodeA.data && nodeB.data ? rowCompare(nodeA.data, nodeB.data, descending) : 0),
      sort: sortOf(`row:${f.key}`),
      valueGetter: (p) => p.data?.labels[f.key] ?? '',
      };
    });
    const valueCol = (colId: string, field: WideTable['valueFields'][number], headerName: string): ColDef<WideRow> => {
      const id = `${colId}|${field.key}`;
      const compare = columnComparator(id);
      return {
        colId: id,
        headerName,
        headerTooltip: headerName,
        type: 'numericColumn',
        width: headerWidth(headerName),
        sort: sortOf(id),
        // Biggest first: the question a sorted pivot answers is usually "which are the most".
        sortingOrder: ['desc', 'asc', null],
        comparator: (_a, _b, nodeA, nodeB, descending) =>
          (nodeA.data && nodeB.data ? compare(nodeA.data, nodeB.data, descending) : 0),
        valueGetter: (p) => cellNumber(p.data, id),
        valueFormatter: (p) => formatValue(typeof p.value === 'number' ? p.value : null, field.format),
        context: { columnId: colId },
      };
    };
    const single = table.valueFields.length === 1;
    const groups: (ColDef<WideRow> | ColGroupDef<WideRow>)[] = table.columnKeys.map((ck) => {
      const label = ck.id === TOTAL_COLUMN_ID && table.columnFields.length === 0 ? '' : ck.label;
      if (single && table.valueFields[0]) {
        const f = table.valueFields[0];
        return valueCol(ck.id, f, label === '' ? headerOf(f) : label);
      }
      const children = table.valueFields.map((f) => valueCol(ck.id, f, headerOf(f)));
      return label === '' ? children : [{ headerName: label, groupId: `g:${ck.id}`, children, marryChildren: true }];
    }).flat();
    return [...rowCols, ...groups];
  }, [table, headerOf]);

  useEffect(() => {
    const grid = api.current;
    if (!grid) return;
    const sorted = grid.getColumnState().find((c) => c.sort === 'asc' || c.sort === 'desc');
    if ((sorted?.colId ?? null) === (order?.colId ?? null)
      && (sorted?.sort ?? null) === (order?.direction ?? null)) return;
    grid.applyColumnState({
      state: order ? [{ colId: order.colId, sort: order.direction }] : [], defaultState: { sort: null },
    });
  }, [order]);

  const onSortChanged = (event: SortChangedEvent<WideRow>): void => {
    const sorted = event.api.getColumnState().find((c) => c.sort === 'asc' || c.sort === 'desc');
    onOrder(sorted?.sort === 'asc' || sorted?.sort === 'desc' ? { colId: sorted.colId, direction: sorted.sort } : null);
  };

  const onDoubleClick = (event: CellDoubleClickedEvent<WideRow>): void => {
    const row = event.data;
    if (!row) return;
    const key: CellKey = {};
    for (const f of table.rowFields) {
      if (row.keys[f.key] !== null && row.keys[f.key] !== undefined) key[f.key] = row.keys[f.key] ?? null;
    }
    const ctx = event.colDef.context as { columnId?: string } | undefined;
    const ck = table.columnKeys.find((c) => c.id === ctx?.columnId);
    if (ck) for (const [k, v] of Object.entries(ck.keys)) key[k] = v;
    const label = [...Object.values(key).map(String)].join(' · ') || '全县';
    onDrill(key, label);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && !window.getSelection()?.toString()) {
      event.preventDefault();
      const target = event.currentTarget;
      target.dispatchEvent(new CustomEvent('pivot-copy', { bubbles: true }));
    }
  };

  return (
    <div className="pivot-grid" onKeyDown={onKeyDown} data-testid="pivot-grid">
      <AgGridReact<WideRow>
        theme={gridTheme}
        localeText={AG_GRID_LOCALE_CN}
        rowData={table.rows as WideRow[]}
        pinnedBottomRowData={table.grandTotal ? [table.grandTotal] : []}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        getRowClass={(p: RowClassParams<WideRow>) => (p.data?.kind === 'subtotal' ? 'pivot-subtotal' : p.data?.kind === 'total' ? 'pivot-total' : undefined)}
        defaultColDef={{ sortable: true, resizable: true, suppressHeaderMenuButton: true, minWidth: 72 }}
        onCellDoubleClicked={onDoubleClick}
        onSortChanged={onSortChanged}
        suppressMultiSort
        onGridReady={(e) => {
          api.current = e.api;
          onReady(e.api);
        }}
        suppressDragLeaveHidesColumns
        ensureDomOrder
      />
    </div>
  );
}

/** The grid as shown (headers included) as tab-separated text, for pasting into Excel/WPS. */
export function gridAsTsv(api: GridApi<WideRow>): string {
  return (api.getDataAsCsv({ columnSeparator: '\t', suppressQuotes: true, skipPinnedBottom: false }) ?? '').replace(/\r\n/g, '\n');
}
