import { deleteSnapshot, listSnapshotIssues, listSnapshots } from '../db/snapshotRepo';
import { reconcileSnapshot } from '../metrics/reconcile';
import type { HandlerMap } from './handlers';

export const snapshotHandlers: HandlerMap<
  'snapshots.list' | 'snapshots.delete' | 'snapshots.issues' | 'snapshots.reconcile'
> = {
  'snapshots.list': (ctx) => listSnapshots(ctx.db),
  'snapshots.delete': (ctx, req) => ({ deleted: deleteSnapshot(ctx.db, req.id) }),
  'snapshots.issues': (ctx, req) => listSnapshotIssues(ctx.db, req.id),
  'snapshots.reconcile': (ctx, req) => reconcileSnapshot(ctx.db, req.id),
};
