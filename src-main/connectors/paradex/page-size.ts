/**
 * The `page_size` to ask GET /v1/fills for: the documented maximum first, stepping down when a
 * server refuses it (400), remembered for the rest of the connector's life so only the first page
 * pays for the probe. The smallest size is the documented default, which every server accepts; a
 * refusal there is a real error and is passed on.
 */
import { PerpvolError } from '../../core/errors.ts';
import { FILLS_PAGE_SIZES } from './constants.ts';

export class FillsPageSize {
  private index = 0;

  constructor(private readonly sizes: readonly number[] = FILLS_PAGE_SIZES) {}

  get current(): number {
    return this.sizes[this.index]!;
  }

  /** After `error` from a page request: whether to ask again with a smaller page_size. */
  stepDownAfter(error: unknown): boolean {
    const refusedRequest = error instanceof PerpvolError && error.code === 'paradex_request_rejected';
    if (!refusedRequest || this.index >= this.sizes.length - 1) return false;
    this.index += 1;
    return true;
  }
}
