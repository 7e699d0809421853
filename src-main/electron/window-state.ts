/**
 * The window's remembered size and place, kept in a small JSON file in the app-data dir. A missing
 * or damaged file, or a place on a monitor that is gone, falls back to a centred default size, so
 * the window never opens off screen.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

const StoredStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(20_000),
  maximized: z.boolean().default(false),
});

const DEFAULT_STATE: WindowState = { ...DEFAULT_WINDOW_SIZE, maximized: false };

/** Whether at least a grabbable part (the title bar's corner) of `bounds` lies on one of the displays. */
function isOnSomeDisplay(state: WindowState, workAreas: Rectangle[]): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const { x, y } = state;
  const GRAB = 48;
  return workAreas.some(
    (area) => x + GRAB > area.x && x < area.x + area.width - GRAB && y >= area.y && y < area.y + area.height - GRAB,
  );
}

export class WindowStateStore {
  constructor(
    private readonly filePath: string,
    /** The displays' work areas now (Electron's screen.getAllDisplays()), to refuse a place off screen. */
    private readonly workAreas: () => Rectangle[],
  ) {}

  load(): WindowState {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.filePath, 'utf8'));
    } catch {
      return { ...DEFAULT_STATE };
    }
    const parsed = StoredStateSchema.safeParse(raw);
    if (!parsed.success) return { ...DEFAULT_STATE };
    const state: WindowState = parsed.data;
    if (!isOnSomeDisplay(state, this.workAreas())) {
      return { width: state.width, height: state.height, maximized: state.maximized };
    }
    return state;
  }

  save(bounds: Rectangle, maximized: boolean): void {
    const state: WindowState = {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.max(MIN_WINDOW_SIZE.width, Math.round(bounds.width)),
      height: Math.max(MIN_WINDOW_SIZE.height, Math.round(bounds.height)),
      maximized,
    };
    mkdirSync(dirname(this.filePath), { recursive: true });
    // Write then rename: a crash mid-write leaves the old file, not half a JSON document.
    const temporary = `${this.filePath}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, this.filePath);
  }
}
