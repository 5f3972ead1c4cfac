// The figures the sampler's worker reports once a second (DriverIO.figures). The panel declares
// them to the viewer before the first report, so they have their places from the start of a run.
import type { FigureSlot } from '../figures.ts';

export const DECIDED: FigureSlot = { id: 'decided', label: 'requests decided by the plugin', format: 'count' };
export const DECIDE_COST: FigureSlot = { id: 'decide-cost', label: 'time in decide-batch per 1,000 requests', format: 'ms' };
