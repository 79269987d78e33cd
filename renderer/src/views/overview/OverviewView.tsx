import { useMemo, useState, type ReactNode } from 'react';
import type { Reconciliation } from '../../../../shared/api/reconcile';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { householdsLine, membersLine, personsByTypeLine } from '../../../../shared/format/reconcileText';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice } from '../../components/Feedback';
import { Panel, ViewHeader } from '../../components/Panel';
import { formatCount, formatShare } from '../../format/numbers';
import '../common/views.css';
import { figureUnit } from '../../../../shared/semantic/headlineFigures';
import { ExitEventsLine } from '../common/ExitEventsLine';
import { HeadlineCard } from '../common/HeadlineCard';
import { KoujingBlock } from '../common/KoujingBlock';
import { ScopeBar } from '../common/ScopeBar';
import { openView, RememberedView, useViewScope } from '../common/useViewScope';
import { metricScope, scopeToParams, type ViewScope } from '../common/viewScope';
import { formatYuan, splitCountWan } from '../common/zhNumbers';
import { exitedTotals, exitRate, incomeEnds, latestReturn, monitoredTotals, registeredFromFlows } from './overviewFigures';
import { summaryParagraph } from './summarySentence';

const OWN_PARAMS: readonly string[] = [];

export function OverviewView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  return (
    <RememberedView viewKey="overview" params={OWN_PARAMS}>
      <Overview snapshot={snapshot} />
    </RememberedView>
  );
}

function placeOf(county: string, scope: ViewScope): string {
  if (scope.township === null) return county;
  return `${county}${scope.township}${scope.village ?? ''}`;
}

/** 累计脱贫's persons, and the line joining its 户 to the 户次 of 脱贫方式. */
function ExitReconciliation({ persons, totals }: {
  readonly persons: number;
  readonly totals: { readonly events: number; readonly households: number };
}): ReactNode {
  return (
    <>
      {formatCount(persons)} 人
      <ExitEventsLine totals={totals} testId="exit-reconciliation" />
    </>
  );
}

/**
 * 累计识别 beside the top bar's 户信息 count: the line that joins them (建档立卡 + 普通农户 …), from
 * the core's snapshots.reconcile. Only for the whole snapshot (the top bar's population); when the
 * flow table's 累计识别 is not the register's 建档立卡 count, the line says that instead of a sum.
 */
function RegisteredReconciliation({ persons, households, reconcile }: {
  readonly persons: number;
  readonly households: number;
  readonly reconcile: Reconciliation | undefined;
}): ReactNode {
  const title = reconcile ? [householdsLine(reconcile), personsByTypeLine(reconcile), membersLine(reconcile)] : [];
  return (
    <>
      {formatCount(persons)} 人
      {reconcile ? (
        <span className="headline-reconcile" data-testid="registered-reconciliation" title={title.join('\n')}>
          {reconcile.registered.households === households
            ? householdsLine(reconcile)
            : `累计识别按识别事件计 ${formatCount(households)} 户，户信息中建档立卡 ${
              formatCount(reconcile.registered.households)} 户`}
        </span>
      ) : null}
    </>
  );
}

const isWholeSnapshot = (scope: ViewScope): boolean =>
  scope.from === null && scope.to === null && scope.township === null && scope.village === null;

/** What the page reads and what it makes of it: every card's figure and the summary paragraph. */
function useOverviewFigures(snapshot: SnapshotSummary, scope: ViewScope) {
  const base = useMemo(() => metricScope(snapshot.id, scope), [snapshot.id, scope]);
  // The host answers one call at a time, in the order asked: the quick ones first, so that cards
  // fill in while the longer ones are computed.
  const income = useApiQuery('metrics.income', base);
  const monitoring = useApiQuery('metrics.monitoring', base);
  const flows = useApiQuery('metrics.flows', base);
  const exits = useApiQuery('metrics.exits', base);
  const returns = useApiQuery('metrics.returns', useMemo(() => ({ ...base, riskListLimit: 1 }), [base]));
  const reconcile = useApiQuery('snapshots.reconcile', isWholeSnapshot(scope) ? { id: snapshot.id } : null);

  const registered = flows.data ? registeredFromFlows(flows.data.rows) : null;
  const exited = exits.data ? exitedTotals(exits.data) : null;
  const rate = exitRate(exited, registered);
  const ends = income.data ? incomeEnds(income.data) : null;
  const latest = returns.data ? latestReturn(returns.data) : null;
  const monitored = monitoring.data ? monitoredTotals(monitoring.data) : null;
  // Shares of no exits at all are not 0 %: with nothing to divide, the card shows a dash and the
  // paragraph leaves the sentence out.
  const headline = exits.data && exits.data.totals.events > 0 ? exits.data.headline : null;
  const eliminated = monitoring.data
    ? { households: monitoring.data.eliminated.households, rate: monitoring.data.eliminated.rate } : null;
  const paragraph = summaryParagraph({
    place: placeOf(snapshot.countyName, scope),
    asOf: snapshot.asOf,
    registered,
    exited,
    exitRate: rate,
    income: ends,
    attribution: headline,
    latestReturn: latest,
    monitored,
    monitoringFrom: monitoring.data?.byIdentifiedYear[0]?.year ?? null,
    eliminated,
  });
  const queries = [flows, exits, income, returns, monitoring];
  return {
    queries: { income, monitoring, flows, exits, returns },
    figures: { registered, exited, rate, ends, latest, monitored, headline },
    reconcile: reconcile.data?.snapshotId === snapshot.id && isWholeSnapshot(scope) ? reconcile.data : undefined,
    paragraph,
    allLoaded: queries.every((q) => q.data !== undefined),
    errors: queries.filter((q) => q.error),
  };
}

type OverviewFigures = ReturnType<typeof useOverviewFigures>;

function Overview({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [scope, setScope] = useViewScope();
  const overview = useOverviewFigures(snapshot, scope);
  const linkParams = scopeToParams(scope);
  return (
    <div className="analysis-view" data-testid="overview-view">
      <ViewHeader title="概览" />
      <ScopeBar snapshot={snapshot} scope={scope} onChange={setScope} />
      {overview.errors.map(
        (q, i) => (q.error ? <ErrorNotice key={i} error={q.error.error} onRetry={q.reload} /> : null),
      )}
      <HeadlineCards overview={overview} go={(view) => () => openView(view, linkParams)} />
      <SummaryPanel paragraph={overview.paragraph} ready={overview.allLoaded} />
      <KoujingPanel queries={overview.queries} />
    </div>
  );
}

/** The eight headline figures, each with its grain, its 口径 note and the view it opens. */
function HeadlineCards({ overview, go }: {
  readonly overview: OverviewFigures;
  readonly go: (view: string) => () => void;
}): ReactNode {
  const { income, monitoring, flows, exits, returns } = overview.queries;
  const { registered, exited, rate, ends, latest, monitored, headline } = overview.figures;
  // Unit words from the headline catalogue (the grain of each figure)
  const [regValue, regUnit] = splitCountWan(registered?.households, figureUnit('overview.registered'));
  const [exitValue, exitUnit] = splitCountWan(exited?.households, figureUnit('overview.exited'));
  const [monValue, monUnit] = splitCountWan(monitored?.households, figureUnit('overview.monitored'));
  return (
    <div className="headline-grid" data-testid="headline-cards">
      <HeadlineCard
        id="registered"
        figure="overview.registered"
        label="累计识别建档立卡"
        value={regValue}
        unit={regUnit}
        exact={registered?.households}
        detail={registered ? (
          <RegisteredReconciliation
            persons={registered.persons}
            households={registered.households}
            reconcile={overview.reconcile}
          />
        ) : null}
        note="首年年初未脱贫 + 各年新识别"
        viewLabel="动态调整"
        onOpen={go('flows')}
        loading={flows.data === undefined && !flows.error}
      />
      <HeadlineCard
        id="exited"
        figure="overview.exited"
        label="累计脱贫"
        value={exitValue}
        unit={exitUnit}
        exact={exited?.households}
        detail={exited && exits.data ? <ExitReconciliation persons={exited.persons} totals={exits.data.totals} />
          : null}
        note="有脱贫事件的户（不重复计户）"
        viewLabel="脱贫方式"
        onOpen={go('exits')}
        loading={exits.data === undefined && !exits.error}
      />
      <HeadlineCard
        id="exit-rate"
        figure="overview.exitRate"
        label="脱贫率"
        value={formatShare(rate)}
        exact={rate}
        detail={exited && registered ? `${formatCount(exited.persons)} ÷ ${formatCount(registered.persons)} 人` : null}
        note="累计脱贫人口 ÷ 累计识别人口"
        viewLabel="脱贫方式"
        onOpen={go('exits')}
        loading={(exits.data === undefined && !exits.error) || (flows.data === undefined && !flows.error)}
      />
      <HeadlineCard
        id="income"
        figure="overview.income"
        label={ends ? `人均纯收入（${ends.lastYear}年）` : '人均纯收入'}
        value={formatYuan(ends?.last)}
        unit={figureUnit('overview.income')}
        exact={ends?.last}
        detail={ends ? (
          <>
            {ends.firstYear}年 {formatYuan(ends.first)} 元 · 年均增长{' '}
            <b data-testid="income-cagr" data-value={ends.cagr ?? undefined}>{formatShare(ends.cagr)}</b>
          </>
        ) : null}
        note="Σ纯收入 ÷ Σ人口，当年有收入记录的户"
        viewLabel="收入增长"
        onOpen={go('income')}
        loading={income.data === undefined && !income.error}
      />
      <HeadlineCard
        id="support-share"
        figure="overview.supportShare"
        label="兜底保障脱贫占比"
        value={formatShare(headline?.supportShare)}
        exact={headline?.supportShare}
        detail={headline ? `就业 ${formatShare(headline.employmentShare)} · 产业 ${formatShare(headline.industryShare)}` : null}
        note="收入法，按脱贫人次（再次脱贫另计一次）"
        viewLabel="脱贫方式"
        onOpen={go('exits')}
        loading={exits.data === undefined && !exits.error}
      />
      <HeadlineCard
        id="return-rate"
        figure="overview.returnRate"
        label={latest ? `返贫率（${latest.year}年）` : '返贫率'}
        value={formatShare(latest?.rate, 2)}
        exact={latest?.rate}
        detail={latest ? `${formatCount(latest.households)} 户 ${formatCount(latest.persons)} 人返贫` : null}
        note="当年返贫人口 ÷ 此前脱贫户人口"
        viewLabel="返贫分析"
        onOpen={go('returns')}
        loading={returns.data === undefined && !returns.error}
      />
      <HeadlineCard
        id="monitored"
        figure="overview.monitored"
        label="防返贫监测对象"
        value={monValue}
        unit={monUnit}
        exact={monitored?.households}
        detail={monitored ? `${formatCount(monitored.persons)} 人` : null}
        note="户信息中填有监测对象类别的户"
        viewLabel="监测帮扶"
        onOpen={go('monitoring')}
        loading={monitoring.data === undefined && !monitoring.error}
      />
      <HeadlineCard
        id="elimination-rate"
        figure="overview.eliminationRate"
        label="风险消除率"
        value={formatShare(monitoring.data?.eliminated.rate)}
        exact={monitoring.data?.eliminated.rate}
        detail={monitoring.data ? `已消除 ${formatCount(monitoring.data.eliminated.households)} 户` : null}
        note="风险已消除户 ÷ 监测对象户"
        viewLabel="监测帮扶"
        onOpen={go('monitoring')}
        loading={monitoring.data === undefined && !monitoring.error}
      />
    </div>
  );
}

/** The paragraph a work report would write from the cards, with a button that copies it. */
function SummaryPanel({ paragraph, ready }: { readonly paragraph: string; readonly ready: boolean }): ReactNode {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(paragraph).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    });
  };
  return (
    <Panel
      title="综述"
      note="按工作报告的写法由上列数字生成，可复制到材料中；各数字的口径见下方。"
      actions={
        <button type="button" className="button small" onClick={copy} disabled={!ready}>
          {copied ? '已复制' : '复制文字'}
        </button>
      }
    >
      <p className="summary-paragraph" data-testid="summary-paragraph">
        {ready ? paragraph : '正在汇总各项指标…'}
      </p>
    </Panel>
  );
}

/** Each figure's 口径, as the metric that computed it states it. */
function KoujingPanel({ queries }: { readonly queries: OverviewFigures['queries'] }): ReactNode {
  const { income, monitoring, flows, exits, returns } = queries;
  return (
    <Panel title="口径">
      {flows.data ? <KoujingBlock koujing={flows.data.koujing} title="累计识别（动态调整）" /> : null}
      {exits.data ? <KoujingBlock koujing={exits.data.koujing} title="脱贫与脱贫方式" /> : null}
      {income.data ? <KoujingBlock koujing={income.data.koujing} title="人均纯收入" /> : null}
      {returns.data ? <KoujingBlock koujing={returns.data.koujing} title="返贫" /> : null}
      {monitoring.data ? <KoujingBlock koujing={monitoring.data.koujing} title="防返贫监测" /> : null}
    </Panel>
  );
}
