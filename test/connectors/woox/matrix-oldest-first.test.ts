/** Every dialect whose rows come oldest first without fromId (see dialect-matrix.ts). */
import { dialectMatrix } from './dialect-matrix.ts';

dialectMatrix('oldest-first');
