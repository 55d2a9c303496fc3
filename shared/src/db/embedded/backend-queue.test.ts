import { BackendQueue, type Holder } from './backend-queue';

function holder(name: string, events: string[]): Holder {
  return {
    granted: () => events.push(`${name} granted`),
    // Date.now() is whole milliseconds and timers run on another clock: CI saw a 50 ms timer read as 49.
    timedOut: (ms) => events.push(`${name} timed out after ${ms >= 49 ? '≥50' : ms} ms`),
  };
}
const microtasks = () => new Promise((resolve) => setImmediate(resolve));

describe('BackendQueue', () => {
  it('grants a free backend at once, then first come first served', async () => {
    const events: string[] = [];
    const queue = new BackendQueue(10_000);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => holder(n, events)) as [Holder, Holder, Holder];
    queue.acquire(a);
    queue.acquire(b);
    queue.acquire(c);
    expect(events).toEqual(['a granted']);
    queue.release(a);
    await microtasks();
    expect(queue.holds(b)).toBe(true);
    queue.release(b);
    await microtasks();
    queue.release(c);
    expect(events).toEqual(['a granted', 'b granted', 'c granted']);
    expect(queue.length).toBe(0);
  });

  it('takes a connection out of the queue when it waited too long, and keeps the order of the others', async () => {
    const events: string[] = [];
    const queue = new BackendQueue(50);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => holder(n, events)) as [Holder, Holder, Holder];
    queue.acquire(a);
    queue.acquire(b);
    await new Promise((resolve) => setTimeout(resolve, 30));
    queue.acquire(c);
    await new Promise((resolve) => setTimeout(resolve, 35));
    expect(events).toEqual(['a granted', 'b timed out after ≥50 ms']);
    queue.release(a);
    await microtasks();
    expect(events).toEqual(['a granted', 'b timed out after ≥50 ms', 'c granted']);
    queue.release(c);
  });

  it('forgets a connection that left while waiting', async () => {
    const events: string[] = [];
    const queue = new BackendQueue(10_000);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => holder(n, events)) as [Holder, Holder, Holder];
    queue.acquire(a);
    queue.acquire(b);
    queue.acquire(c);
    queue.cancel(b);
    queue.release(a);
    await microtasks();
    expect(events).toEqual(['a granted', 'c granted']);
    queue.release(c);
  });

  it('says when nobody holds or waits (stopping waits for that)', async () => {
    const queue = new BackendQueue(10_000);
    const [a, b] = ['a', 'b'].map((n) => holder(n, [])) as [Holder, Holder];
    queue.acquire(a);
    queue.acquire(b);
    let free = false;
    void queue.free().then(() => (free = true));
    queue.release(a);
    await microtasks();
    expect(free).toBe(false);
    queue.release(b);
    await microtasks();
    expect(free).toBe(true);
  });

  it('refuses a release by a connection that does not hold the backend', () => {
    const queue = new BackendQueue(10_000);
    expect(() => queue.release(holder('a', []))).toThrow(/did not hold/);
  });
});
