import type { Migration } from './migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-metrics';
import { migration003 } from './003-pivot';
import { migration004 } from './004-metrics-derived';
import { migration005 } from './005-income-year';
import { migration006 } from './006-metrics-area';
import { migration007 } from './007-quality';
import { migration008 } from './008-pivot-median';
import { migration009 } from './009-narrow-indexes';
import { migration010 } from './010-cultivated-land';
import { migration011 } from './011-id-masks';
import { migration012 } from './012-standards';
import { migration014 } from './014-report';
import { migration015 } from './015-pivot-cubes-ready';
import { migration016 } from './016-id-secret-out';
import { migration017 } from './017-event-exit';

/** Forward-only, in order; the database's user_version is the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration014,
  migration015,
  migration016,
  migration017,
];
