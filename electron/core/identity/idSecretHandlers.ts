import type { IdSecretStatus } from '../../../shared/api/idSecret';
import type { HandlerMap } from '../service/handlers';
import { idSecretStatus, LOST_SECRET_AFFECTS, LOST_SECRET_KEEPS, renewIdSecret, type IdSecretStatus as CoreStatus } from './idSecret';

function answer(s: CoreStatus): IdSecretStatus {
  return { ...s, affects: [...LOST_SECRET_AFFECTS], keeps: [...LOST_SECRET_KEEPS] };
}

/** The secret's state for 数据管理 and `tuopin id-secret`; a new one only on the user's word (confirm: true). */
export const idSecretHandlers: HandlerMap<'idSecret.status' | 'idSecret.renew'> = {
  'idSecret.status': (ctx) => answer(idSecretStatus(ctx.db)),
  'idSecret.renew': (ctx) => answer(renewIdSecret(ctx.db)),
};
