import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { portsOpenToAll } from './published-ports.ts';

test('only ports bound to 127.0.0.1 pass, in short and long syntax', () => {
  const compose = `
services:
  a:
    ports:
      - "127.0.0.1:8080:8080"
      - "8080:8080"
      - "9090"
      - "0.0.0.0:3000:3000"
      - "127.0.0.1:4317:4317/tcp"
  b:
    ports:
      - target: 80
        published: 8081
        host_ip: 127.0.0.1
      - target: 81
        published: 8082
      - target: 82
`;
  assert.deepEqual(
    portsOpenToAll(compose).map((p) => `${p.service} ${p.port}`),
    ['a 8080:8080', 'a 9090', 'a 0.0.0.0:3000:3000', 'b 0.0.0.0:8082:81'],
  );
});

test('every compose file in content/configs/ publishes its ports on 127.0.0.1 only', () => {
  const dir = join(process.cwd(), 'content', 'configs', 'compose');
  const problems = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .flatMap((n) => portsOpenToAll(readFileSync(join(dir, n), 'utf8')).map((p) => `compose/${n}: ${p.service} publishes ${p.port}`));
  assert.deepEqual(problems, []);
});
