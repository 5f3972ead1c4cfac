import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDefaults, unpinnedImageReason } from './image-reference.ts';

test('explicit tags and digests are pinned', () => {
  for (const ref of [
    'nginx:1.27.4',
    'otel/opentelemetry-collector-contrib:0.120.0',
    'registry.example.com:5000/team/app:v2.1.0-rc.1',
    'localhost:5000/app:dev',
    'ghcr.io/example/app@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c',
    'nginx:1.27@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c',
  ]) {
    assert.equal(unpinnedImageReason(ref), undefined, ref);
  }
});

test('missing tags, latest, bad digests and bad names are reported', () => {
  assert.match(unpinnedImageReason('nginx') ?? '', /has no tag/);
  assert.match(unpinnedImageReason('localhost:5000/app') ?? '', /has no tag/, 'a registry port is not a tag');
  assert.match(unpinnedImageReason('nginx:latest') ?? '', /"latest" tag/);
  assert.match(unpinnedImageReason('nginx:LATEST') ?? '', /"latest" tag/);
  assert.match(unpinnedImageReason('nginx@sha256:123') ?? '', /invalid digest/);
  assert.match(unpinnedImageReason('Nginx:1.0') ?? '', /not a valid image name/);
  assert.match(unpinnedImageReason('') ?? '', /is empty/);
});

test('resolveDefaults applies ${VAR:-default}, ${VAR-default}, ${VAR:+alt} and $$', () => {
  assert.deepEqual(resolveDefaults('app:${TAG:-1.0}'), { value: 'app:1.0' });
  assert.deepEqual(resolveDefaults('app:${TAG-1.0}'), { value: 'app:1.0' });
  assert.deepEqual(resolveDefaults('a${X:+-suffix}b'), { value: 'ab' });
  assert.deepEqual(resolveDefaults('cost: $$5'), { value: 'cost: $5' });
  assert.deepEqual(resolveDefaults('app:$TAG', new Map([['TAG', '2.0']])), { value: 'app:2.0' });
  assert.deepEqual(resolveDefaults('app:${TAG:-x}', new Map([['TAG', '']])), { value: 'app:x' });
  assert.deepEqual(resolveDefaults('${A}:${B:?required}'), { unresolved: ['A', 'B'] });
});
