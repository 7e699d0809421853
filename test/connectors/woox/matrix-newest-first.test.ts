/** Every dialect whose rows come newest first without fromId (see dialect-matrix.ts). */
import { dialectMatrix } from './dialect-matrix.ts';

dialectMatrix('newest-first');
