/**
 * A 口径 line as "名称：说明". Many texts already open with their measure's name (户数：每户计一次,
 * 人均纯收入（元/人）：…): those are kept as they are instead of reading "户数：户数：…".
 */
export function koujingLineText(line: { readonly label: string; readonly text: string }): string {
  return opensWithLabel(line) ? line.text : `${line.label}：${line.text}`;
}

function opensWithLabel(line: { readonly label: string; readonly text: string }): boolean {
  return line.text.startsWith(`${line.label}：`) || line.text.startsWith(`${line.label}（`) || line.text.startsWith(`${line.label} =`);
}
