import type { ReactNode } from 'react';
import { navigateTo } from './hashRoute';

/** Shown instead of an analysis while the database holds no county snapshot: how to get one. */
export function EmptyState(): ReactNode {
  return (
    <section className="empty-state" data-testid="empty-state">
      <h1>还没有县级数据</h1>
      <p className="lead">
        工作站分析的是从 <strong>全国扶贫开发信息系统</strong>（2014—2020 年建档立卡数据）或
        <strong>全国防返贫监测信息系统</strong>（2021 年起）导出的县级数据。导入一次，即可在各分析页面查看。
      </p>
      <ol className="steps">
        <li>
          <h2>导入县级导出文件</h2>
          <p>
            点击左侧 <strong>数据管理 → 导入</strong>，选择导出的 Excel 文件（.xlsx）、CSV 文件夹或 .zip 压缩包。
            “户信息”表必须有，其他表（家庭成员、收入情况、帮扶措施、状态变化）有则一并导入。
          </p>
          <button type="button" className="button primary" onClick={() => navigateTo('data')}>
            前往 数据管理 → 导入
          </button>
        </li>
        <li>
          <h2>或者先看演示县</h2>
          <p>
            演示县是按固定规则生成的虚构数据（3000 户），用于熟悉各项分析。首次启动工作站时，如默认数据库为空，会自动生成演示县；也可在命令行运行{' '}
            <code>npx tuopin demo</code> 生成。
          </p>
        </li>
      </ol>
      <p className="note">数据只保存在本机，不会上传到任何网络。</p>
    </section>
  );
}
