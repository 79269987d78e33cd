import { neutralise } from '../../../shared/format/neutralise';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type GridApi, type GridReadyEvent, type RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useRef, type ReactNode } from 'react';
import { formatAmount } from '../format/numbers';
import { downloadBlob, safeFileName } from './download';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Dense and calm: the look of a statistics office's tables. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 28,
  headerHeight: 32,
  spacing: 5,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 2,
  borderRadius: 2,
  accentColor: '#1f5fa8',
  foregroundColor: '#1f2a37',
  backgroundColor: '#ffffff',
  borderColor: '#d5dce5',
  headerBackgroundColor: '#eef2f7',
  headerTextColor: '#2b3a4d',
  oddRowBackgroundColor: '#f8fafc',
  rowHoverColor: '#eaf1fb',
  selectedRowBackgroundColor: '#dbe7f7',
});

export interface DataGridProps<T> {
  readonly rows: readonly T[];
  readonly columns: readonly ColDef<T>[];
  /** Pixels or any CSS length; tables scroll inside it. */
  readonly height?: number | string;
  /** Total rows shown pinned under the data (合计). */
  readonly totals?: readonly T[];
  readonly getRowId?: (row: T) => string;
  readonly onRowClicked?: (row: T) => void;
  /** Shows an 导出 CSV button; the file opens in Excel on Chinese Windows (UTF-8 with BOM). */
  readonly exportFileName?: string;
}

/** AG Grid Community with the Chinese locale and the workstation's theme. */
export function DataGrid<T>({
  rows, columns, height = 420, totals, getRowId, onRowClicked, exportFileName,
}: DataGridProps<T>): ReactNode {
  const api = useRef<GridApi<T> | null>(null);
  const onReady = useCallback((event: GridReadyEvent<T>) => {
    api.current = event.api;
  }, []);
  const exportCsv = (): void => {
    const csv = api.current?.getDataAsCsv({
      fileName: exportFileName,
      // Text that Excel or WPS would run as a formula (= + - @) is kept as text, as in the core's exports.
      processCellCallback: ({ value, formatValue }) => {
        if (value === null || value === undefined) return '';
        const shown = String(formatValue(value));
        return typeof value === 'string' ? neutralise(shown) : shown;
      },
    });
    if (csv === undefined) return;
    downloadBlob(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), `${safeFileName(exportFileName ?? '表格')}.csv`);
  };
  return (
    <div className="data-grid">
      {exportFileName ? (
        <div className="data-grid-toolbar">
          <button type="button" className="button small" onClick={exportCsv}>
            导出 CSV
          </button>
        </div>
      ) : null}
      <div style={{ height }}>
        <AgGridReact<T>
          theme={gridTheme}
          localeText={AG_GRID_LOCALE_CN}
          rowData={rows as T[]}
          columnDefs={columns as ColDef<T>[]}
          pinnedBottomRowData={totals ? [...totals] : undefined}
          getRowId={getRowId ? (params) => getRowId(params.data) : undefined}
          onRowClicked={onRowClicked ? (event: RowClickedEvent<T>) => event.data && onRowClicked(event.data)
            : undefined}
          onGridReady={onReady}
          defaultColDef={{
            sortable: true, resizable: true, filter: true, minWidth: 72, suppressHeaderMenuButton: true,
            wrapHeaderText: true, autoHeaderHeight: true,
          }}
          autoSizeStrategy={{ type: 'fitGridWidth', defaultMinWidth: 80, continuous: true }}
          suppressDragLeaveHidesColumns
          enableCellTextSelection
          ensureDomOrder
        />
      </div>
    </div>
  );
}

/** A right-aligned number column with zh-CN thousands separators. */
export function numberColumn<T>(field: ColDef<T>['field'], headerName: string, fractionDigits = 0, extra: Partial<ColDef<T>> = {}): ColDef<T> {
  return {
    field,
    headerName,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    valueFormatter: (params) => formatAmount(typeof params.value === 'number' ? params.value : null, fractionDigits),
    ...extra,
  };
}
