import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LabHost, STOP_GRACE_MS, type RunOutcome, type WorkerLike } from './host.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';

/** A stand-in Worker: records what the host sends and lets the test answer. */
class FakeWorker implements WorkerLike {
  sent: HostToWorker[] = [];
  terminated = false;
  listeners: Record<string, ((e: { data?: unknown; message?: string }) => void)[]> = {};
  postMessage(m: HostToWorker) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: 'message' | 'error' | 'messageerror', l: (e: { data?: unknown; message?: string }) => void) {
    (this.listeners[type] ??= []).push(l);
  }
  reply(data: unknown) {
    for (const l of this.listeners.message ?? []) l({ data });
  }
  crash(message: string) {
    for (const l of this.listeners.error ?? []) l({ message });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const host = new LabHost(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const messages: WorkerToHost[] = [];
  const outcomes: RunOutcome[] = [];
  const handlers = { message: (m: WorkerToHost) => messages.push(m), ended: (o: RunOutcome) => outcomes.push(o) };
  return { host, workers, messages, outcomes, handlers };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LabHost', () => {
  test('runs in a worker, passes its messages on, and retires the worker when it is done', () => {
    const { host, workers, messages, outcomes, handlers } = setup();
    const id = host.start('sampler', { ratio: 0.5 }, { deadlineMs: 10_000 }, handlers);
    assert.deepEqual(workers[0]!.sent[0], { type: 'start', runId: id, lab: 'sampler', settings: { ratio: 0.5 }, fault: 'none' });
    workers[0]!.reply({ type: 'spans', runId: id, spans: [] });
    workers[0]!.reply({ type: 'done', runId: id, reason: 'completed' });
    assert.deepEqual(messages.map((m) => m.type), ['spans', 'done']);
    assert.deepEqual(outcomes, [{ kind: 'completed' }]);
    assert.equal(workers[0]!.terminated, true);
    assert.equal(workers.length, 2, 'a spare worker is ready for the next run');
    assert.equal(host.running, false);
  });

  test('prepare spawns one spare ahead of the first run, and that run uses it', () => {
    const { host, workers, handlers } = setup();
    host.prepare();
    host.prepare();
    assert.equal(workers.length, 1, 'preparing twice spawns one worker');
    const id = host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    assert.equal(workers.length, 1, 'the run took the prepared worker rather than spawning another');
    assert.equal(workers[0]!.sent[0]?.type, 'start');
    assert.equal((workers[0]!.sent[0] as { runId: number }).runId, id);
    host.prepare(); // a spare made while the run goes on is the one the next run gets
    workers[0]!.reply({ type: 'done', runId: id, reason: 'completed' });
    assert.equal(workers.length, 2, 'the end of the run keeps the spare rather than spawning (and leaking) another');
    host.dispose();
    assert.deepEqual(workers.map((w) => w.terminated), [true, true]);
  });

  test('restartDeadline starts the deadline again from now, once per run', async () => {
    const { host, outcomes, handlers } = setup();
    assert.equal(host.restartDeadline(30), false, 'no run in progress');
    host.start('attacks', {}, { deadlineMs: 40 }, handlers);
    await wait(25);
    assert.equal(host.restartDeadline(60), true);
    assert.equal(host.restartDeadline(10_000), false, 'a second restart is refused: the first deadline bounds the preparation');
    await wait(30); // past the first deadline, within the restarted one
    assert.equal(outcomes.length, 0);
    await wait(60);
    assert.equal(outcomes.length, 1);
    const o: RunOutcome = outcomes[0]!;
    assert.ok(o.kind === 'deadline' && o.deadlineMs === 60, JSON.stringify(o));
    host.dispose();
  });

  test('terminates a worker that overruns its deadline, and the next run uses a fresh worker', async () => {
    const { host, workers, outcomes, handlers } = setup();
    host.start('sampler', {}, { deadlineMs: 30 }, handlers);
    await wait(60);
    assert.equal(outcomes.length, 1);
    const o = outcomes[0]!;
    assert.ok(o.kind === 'deadline' && o.deadlineMs === 30, JSON.stringify(o));
    // The overrun is measured from the moment the deadline fell due, so it is small and never negative.
    assert.ok(o.overrunMs >= 0 && o.overrunMs < 40, `overrun ${o.overrunMs} ms`);
    assert.equal(workers[0]!.terminated, true);
    const next = host.start('sampler', {}, { deadlineMs: 1000 }, handlers);
    assert.equal(workers[1]!.sent[0]!.runId, next);
    assert.equal(workers[1]!.terminated, false);
    host.dispose();
  });

  test('stop asks politely, then terminates a worker that does not answer', async () => {
    const { host, workers, outcomes, handlers } = setup();
    const id = host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    host.stop();
    assert.deepEqual(workers[0]!.sent[1], { type: 'stop', runId: id });
    await wait(STOP_GRACE_MS + 50);
    assert.deepEqual(outcomes, [{ kind: 'stopped', forced: true }]);
    assert.equal(workers[0]!.terminated, true);
  });

  test('with no stop grace, stop terminates the worker at once, without asking', () => {
    const { host, workers, outcomes, handlers } = setup();
    host.start('attacks', {}, { deadlineMs: 10_000, stopGraceMs: 0 }, handlers);
    host.stop();
    assert.equal(workers[0]!.terminated, true);
    assert.deepEqual(outcomes, [{ kind: 'stopped', forced: true }]);
    assert.equal(workers[0]!.sent.length, 1, 'only the start message was sent');
  });

  test('a stop that is answered ends the run cleanly', () => {
    const { host, workers, outcomes, handlers } = setup();
    const id = host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    host.stop();
    workers[0]!.reply({ type: 'done', runId: id, reason: 'stopped' });
    assert.deepEqual(outcomes, [{ kind: 'stopped', forced: false }]);
  });

  test('reports a crash, a malformed message and a module failure, and ignores stale runs', () => {
    const { host, workers, outcomes, handlers } = setup();
    host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    workers[0]!.crash('boom');
    const second = host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    workers[0]!.reply({ type: 'done', runId: 1, reason: 'completed' }); // from the dead worker: ignored
    workers[1]!.reply({ hello: 'world' });
    const third = host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    workers[2]!.reply({ type: 'failed', runId: third, phase: 'instantiate', message: 'CompileError' });
    assert.deepEqual(outcomes, [
      { kind: 'failed', phase: 'run', message: 'boom' },
      { kind: 'failed', phase: 'message', message: 'the worker sent a message outside the lab protocol' },
      { kind: 'failed', phase: 'instantiate', message: 'CompileError' },
    ]);
    assert.ok(second < third);
  });

  test('configure reaches the running worker, and starting again stops the previous run', () => {
    const { host, workers, outcomes, handlers } = setup();
    const id = host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    assert.equal(host.configure('{"ratio":1}'), true);
    assert.deepEqual(workers[0]!.sent[1], { type: 'configure', runId: id, config: '{"ratio":1}' });
    host.start('sampler', {}, { deadlineMs: 10_000 }, handlers);
    assert.deepEqual(outcomes, [{ kind: 'stopped', forced: true }]);
    host.dispose();
    assert.equal(host.configure('{}'), false);
  });
});
