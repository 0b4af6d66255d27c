import { Identity1763780000000 } from './1763780000000-Identity';

/** Every migration, in order. An explicit list rather than a glob, so bundled and compiled builds find them all. */
export const MIGRATIONS = [Identity1763780000000];
