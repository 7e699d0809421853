/**
 * `aggregateByTime: true`: partial fills of one crossing order at one time are combined into one
 * row (size, fee and closed PnL summed; price volume-weighted), as the info endpoint describes.
 */
import { add, readDecimal } from '../truth/decimal.ts';
import type { HlFill } from './fills.ts';

export function aggregateByTime(fills: HlFill[]): HlFill[] {
  const out: HlFill[] = [];
  for (const fill of fills) {
    const last = out[out.length - 1];
    if (last && fill.crossed && last.crossed && last.oid === fill.oid && last.time === fill.time && last.coin === fill.coin) {
      const sz = addDecimals(last.sz, fill.sz);
      const notional = Number(last.px) * Number(last.sz) + Number(fill.px) * Number(fill.sz);
      out[out.length - 1] = {
        ...last,
        sz,
        px: (notional / Number(sz)).toFixed(decimalsOf(last.px)),
        fee: addDecimals(last.fee, fill.fee),
        closedPnl: addDecimals(last.closedPnl, fill.closedPnl),
        ...(last.builderFee || fill.builderFee ? { builderFee: addDecimals(last.builderFee ?? '0', fill.builderFee ?? '0') } : {}),
      };
    } else {
      out.push(fill);
    }
  }
  return out;
}

function decimalsOf(text: string): number {
  return text.split('.')[1]?.length ?? 0;
}

/** a + b keeping the longer of the two scales ("0.0100" + "0.02" = "0.0300"), as the exchange prints sums. */
function addDecimals(a: string, b: string): string {
  const { digits, places } = add(readDecimal(a), readDecimal(b));
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(places + 1, '0');
  const whole = text.slice(0, text.length - places);
  const fraction = places > 0 ? `.${text.slice(-places)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
