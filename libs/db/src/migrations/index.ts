import { Identity1763780000000 } from './1763780000000-Identity';
import { Inbox1763790000000 } from './1763790000000-Inbox';

/** Every migration, in order. An explicit list rather than a glob, so bundled and compiled builds find them all. */
export const MIGRATIONS = [Identity1763780000000, Inbox1763790000000];
