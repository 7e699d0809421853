/**
 * `aggregateByTime: true`: partial fills of one crossing order at one time are combined into one
 * row (size, fee and closed PnL summed; price volume-weighted), as the info endpoint describes.
 */
import { parseDecimal } from '../../../src-main/core/usd.ts';
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

function addDecimals(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(-scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
