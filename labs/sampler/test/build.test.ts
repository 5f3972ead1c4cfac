import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLab } from '../../build/build.mjs';

test('two builds from the same source give byte-identical components and glue', async () => {
  const a = await mkdtemp(join(tmpdir(), 'lab-a-'));
  const b = await mkdtemp(join(tmpdir(), 'lab-b-'));
  try {
    const first = await buildLab('sampler', a);
    const second = await buildLab('sampler', b);
    assert.ok(first.componentBytes > 1000, 'the component is real, not empty');
    const names = first.written.map((p) => p.slice(first.outDir.length));
    assert.deepEqual(names, second.written.map((p) => p.slice(second.outDir.length)));
    for (const name of names) {
      const [x, y] = await Promise.all([readFile(first.outDir + name), readFile(second.outDir + name)]);
      assert.ok(x.equals(y), `${name} differs between builds`);
    }
  } finally {
    await Promise.all([rm(a, { recursive: true, force: true }), rm(b, { recursive: true, force: true })]);
  }
});
