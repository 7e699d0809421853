/** A minimal Server-Sent Events reader for tests: collects events and comments as they arrive. */
import { request } from 'undici';

export interface SseEvent {
  event: string;
  data: any;
}

export interface SseConnection {
  status: number;
  events: SseEvent[];
  comments: string[];
  /** Resolves once an event matching `predicate` has arrived (including ones already received). */
  waitFor(predicate: (event: SseEvent) => boolean, what: string): Promise<SseEvent>;
  waitForComment(text: string): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(url: string, token: string | null): Promise<SseConnection> {
  const controller = new AbortController();
  const answer = await request(`${url}/api/v1/events`, {
    headers: token ? { authorization: `Bearer ${token}`, accept: 'text/event-stream' } : { accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  let buffer = '';
  answer.body.setEncoding('utf8');
  const ended = new Promise<void>((resolve) => {
    answer.body.on('data', (chunk: string) => {
      buffer += chunk;
      let split: number;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
      }
      notify();
    });
    answer.body.on('end', () => resolve());
    answer.body.on('error', () => resolve());
    answer.body.on('close', () => resolve());
  });
  const waitUntil = <T>(find: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} arrived on the event stream`));
      }, 60_000);
      const check = () => {
        const found = find();
        if (found !== undefined) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        }
      };
      waiters.add(check);
      check();
    });
  return {
    status: answer.statusCode,
    events,
    comments,
    waitFor: (predicate, what) => waitUntil(() => events.find(predicate), what),
    waitForComment: (text) => waitUntil(() => (comments.includes(text) ? true : undefined), `comment "${text}"`).then(() => undefined),
    ended,
    close: () => controller.abort(),
  };
}
