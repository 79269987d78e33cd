import { z } from 'zod';

/** zod's own Chinese messages (无效输入：期望…，实际接收…), passed per parse so that nothing global changes. */
export const ZH_ERRORS = { error: z.locales.zhCN().localeError } as const;

// zod's Chinese locale still names the expected type in English ("期望 string").
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', array: '数组', object: '对象',
  undefined: '空（未填写）', bigint: '整数',
};

/** Where in the request: values 第 1 项 → measure, not values.0.measure. */
export function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '（整体）';
  return path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : String(p))).join(' → ').replace(/ → 第/g, ' 第');
}

/** A validation issue in Chinese throughout: the place, then zod's Chinese message with Chinese type names. */
export function issueText(issue: Issue): string {
  const message = issue.message.replace(/\b(string|number|int|boolean|array|object|undefined|bigint)\b/g, (w) => TYPE_WORDS[w] ?? w);
  return `${pathText(issue.path)}：${message}`;
}

/** Every issue of a failed parse, one after another. */
type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

export function issuesText(issues: readonly Issue[]): string {
  return issues.map(issueText).join('；');
}
