import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';

/** The real CLI in process: exit code, stdout and stderr. */
export async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

function python(script: string, ...args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface DocxContents {
  paragraphs: string[];
  tables: { rows: string[][]; headerRepeated: boolean }[];
  images: number;
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number };
  evenAndOddFooters: boolean;
  footerXml: string[];
}

/** A DOCX read back with python-docx: text, tables (and whether the header row repeats), images, page setup in mm. */
export function readDocx(path: string): DocxContents {
  return JSON.parse(python([
    'import json, sys, docx',
    'from docx.oxml.ns import qn',
    'd = docx.Document(sys.argv[1])',
    's = d.sections[0]',
    'def header(t):',
    '    pr = t.rows[0]._tr.trPr',
    '    return pr is not None and pr.find(qn("w:tblHeader")) is not None',
    'settings = d.settings.element',
    'print(json.dumps({',
    '  "paragraphs": [p.text for p in d.paragraphs],',
    '  "tables": [{"rows": [[c.text for c in r.cells] for r in t.rows], "headerRepeated": header(t)} for t in d.tables],',
    '  "images": len(d.inline_shapes),',
    '  "page": {k: round(getattr(s, a).mm, 1) for k, a in [("width", "page_width"), ("height", "page_height"), ("top", "top_margin"),',
    '           ("bottom", "bottom_margin"), ("left", "left_margin"), ("right", "right_margin")]},',
    '  "evenAndOddFooters": settings.find(qn("w:evenAndOddHeaders")) is not None,',
    '  "footerXml": [s.footer._element.xml, s.even_page_footer._element.xml],',
    '}, ensure_ascii=False))',
  ].join('\n'), path)) as DocxContents;
}

/** Every sheet of an XLSX read with openpyxl: its cell values, frozen pane and number formats. */
export function readXlsx(path: string): Record<string, {
  rows: (string | number | null)[][]; freeze: string | null; formats: string[][];
}> {
  return JSON.parse(python([
    'import json, sys, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'out = {}',
    'for ws in wb.worksheets:',
    '    out[ws.title] = {"rows": [[c.value for c in r] for r in ws.iter_rows()], "freeze": ws.freeze_panes,',
    '                     "formats": [[c.number_format for c in r] for r in ws.iter_rows()]}',
    'print(json.dumps(out, ensure_ascii=False, default=str))',
  ].join('\n'), path)) as Record<string, { rows: (string | number | null)[][]; freeze: string | null; formats: string[][] }>;
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '0');
}

/** Renders every page to PNG (60 dpi) and returns the files, in page order. */
export function renderPages(pdf: string, outDir: string, prefix: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(outDir, prefix)]);
  return readdirSync(outDir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png')).sort().map((f) => join(outDir, f));
}

/** LibreOffice converts a DOCX to PDF (a profile of its own, so parallel runs do not collide). */
export function libreOfficeToPdf(docx: string, outDir: string): string {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(outDir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx],
    { encoding: 'utf8', timeout: 180_000 });
  return join(outDir, docx.split('/').pop()?.replace(/\.docx$/, '.pdf') ?? 'out.pdf');
}

/** Text without any white space: pdftotext breaks lines mid-sentence. */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}
