import { deleteSnapshot, listSnapshotIssues, listSnapshots } from '../db/snapshotRepo';
import type { HandlerMap } from './handlers';

export const snapshotHandlers: HandlerMap<'snapshots.list' | 'snapshots.delete' | 'snapshots.issues'> = {
  'snapshots.list': (ctx) => listSnapshots(ctx.db),
  'snapshots.delete': (ctx, req) => ({ deleted: deleteSnapshot(ctx.db, req.id) }),
  'snapshots.issues': (ctx, req) => listSnapshotIssues(ctx.db, req.id),
};
