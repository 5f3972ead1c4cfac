/// <reference lib="webworker" />
// The worker of the labs whose drivers are light (see drivers/index.ts).
import { drivers } from './drivers/index.ts';
import { serveLab } from './serve.ts';

serveLab(drivers);
