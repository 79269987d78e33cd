import { useEffect, type ReactNode } from 'react';
import { ErrorNotice, Loading } from '../components/Feedback';
import { SnapshotProvider, useSnapshots } from '../state/snapshotContext';
import { DEFAULT_VIEW_KEY, findView } from '../views/registry';
import type { ViewDefinition } from '../views/viewDefinition';
import { EmptyState } from './EmptyState';
import { navigateTo, useHashRoute } from './hashRoute';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';
import { UnderConstruction } from './UnderConstruction';

export function App(): ReactNode {
  return (
    <SnapshotProvider>
      <Shell />
    </SnapshotProvider>
  );
}

function Shell(): ReactNode {
  const route = useHashRoute();
  const view = findView(route.view);

  useEffect(() => {
    if (!view) navigateTo(DEFAULT_VIEW_KEY);
  }, [view]);

  useEffect(() => {
    document.title = view ? `${view.label} - 脱贫成效分析工作站` : '脱贫成效分析工作站';
  }, [view]);

  return (
    <div className="app">
      <TopBar />
      <div className="app-body">
        <SideNav activeKey={view?.key ?? ''} />
        <main className="content" data-view={view?.key}>
          {view ? <ViewContent view={view} /> : null}
        </main>
      </div>
    </div>
  );
}

function ViewContent({ view }: { readonly view: ViewDefinition }): ReactNode {
  const { snapshots, current, error, refresh } = useSnapshots();
  if (error) return <ErrorNotice error={error} onRetry={() => void refresh()} />;
  if (snapshots === null) return <Loading text="正在读取数据快照…" />;
  if (view.needsSnapshot) {
    if (!current) return <EmptyState />;
    if (!view.component) return <UnderConstruction label={view.label} />;
    const Component = view.component;
    return <Component key={current.id} snapshot={current} />;
  }
  if (!view.component) return <UnderConstruction label={view.label} />;
  const Component = view.component;
  return <Component snapshot={current} />;
}
