// One test per file under content/configs/, so files other writers add are covered as they land.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConfigFolder } from './config-folder.ts';
import { formatProblem } from './problem.ts';

const configs = openConfigFolder();

if (configs.files.length === 0) {
  test('content/configs/ has no config files yet', { skip: 'nothing to validate' }, () => {});
}

for (const path of configs.files) {
  test(`content/configs/${path} is valid`, () => {
    assert.deepEqual(configs.validate(path).map(formatProblem), []);
  });
}
