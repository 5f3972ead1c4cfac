/// <reference lib="webworker" />
// The attack lab's own worker. Its driver brings preview2-shim and a WASI component's glue (about
// 40 KB gzipped); a worker of its own keeps that weight off the other labs' pages, since a worker
// bundle inlines the drivers it can import.
import { createAttacksDriver } from './drivers/attacks.ts';
import { serveLab } from './serve.ts';

serveLab({ attacks: async () => createAttacksDriver() });
