/**
 * A Chinese message for a failure no reader foresaw: the runtime's own English ("Invalid string
 * length", ENOENT, "Unexpected close tag") tells the user nothing, so the failure is named by its
 * kind and the English stays out of the message.
 */
export function unreadableMessage(file: string, err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `「${file}」在读取过程中消失了（被移动或删除），请确认文件还在后重新导入。`;
  if (code === 'EACCES' || code === 'EPERM') return `没有读取「${file}」的权限，请确认文件未被其他程序占用后重新导入。`;
  if (typeof code === 'string' && code.startsWith('Z_')) return `「${file}」中的压缩数据已损坏，无法解压。请重新导出或复制。`;
  if (err instanceof RangeError || /Invalid string length|Array buffer allocation|memory/i.test(text)) {
    return `「${file}」中有过大的内容，超出了可以读取的范围，不像是正常的导出文件。`;
  }
  if (/^\d+:\d+: /.test(text) || /xml|tag|attribute|entity/i.test(text)) {
    return `「${file}」中的 XML 结构有错误（文件可能损坏或不是 Excel 保存的），无法读取。请用 Excel 打开后另存为 .xlsx 再导入。`;
  }
  return `「${file}」读取失败，文件可能已损坏或格式不对。请用 Excel 打开后另存为 .xlsx 再导入。`;
}
