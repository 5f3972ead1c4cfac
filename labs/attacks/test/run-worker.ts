// A worker thread that runs one attack and posts its result: the Node stand-in for the lab's Web
// Worker, so a test can play the main thread's watchdog and terminate it.
import { parentPort, workerData } from 'node:worker_threads';
import { runAttack } from './harness.ts';

const { attack, variant, policy } = workerData;
parentPort!.postMessage({ type: 'started' });
const result = await runAttack(attack, variant, policy);
parentPort!.postMessage({ type: 'result', result });
