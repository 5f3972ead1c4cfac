// Fuel metering for core Wasm modules, with binaryen.js.
//
// Binaryen's `log-execution` pass puts a call to an imported `log_execution` at every function
// entry, every loop header and every return. The import is replaced by a function that takes one
// unit from a mutable i64 global and traps when it goes below zero, and that function is inlined,
// so the counter costs a global read, a subtraction and a compare per place, with no call into
// JavaScript. The global is exported as `lab_fuel`: the host sets the budget before the run and
// reads what is left afterwards (and after a trap, to tell "out of fuel" from any other trap).
//
// Loaded at build time for the lab's own modules; a page loads it (binaryen is about 2.6 MB
// gzipped) only when a learner brings a module of their own.
import binaryen from 'binaryen';

export const FUEL_EXPORT = 'lab_fuel';

/**
 * The features binaryen may assume and emit. Pinned: `Features.All` lets binaryen produce
 * encodings (of newer proposals) that current engines reject.
 */
const FEATURES =
  binaryen.Features.MVP |
  binaryen.Features.MutableGlobals |
  binaryen.Features.SignExt |
  binaryen.Features.NontrappingFPToInt |
  binaryen.Features.BulkMemory |
  binaryen.Features.BulkMemoryOpt |
  binaryen.Features.ReferenceTypes |
  binaryen.Features.CallIndirectOverlong |
  binaryen.Features.Multivalue |
  binaryen.Features.SIMD128;

/**
 * The counter's value at instantiation. A module's start function runs inside instantiate, before
 * the host can set the run's budget, so it runs on this allowance: enough for any initialiser,
 * and a bound on a start function that never returns.
 */
export const START_ALLOWANCE = 10_000_000n;

const METER = 'log_execution';
const GLOBAL = '__lab_fuel';

/** True when the module already carries the meter (it exports the fuel global). */
export function isMetered(bytes) {
  return WebAssembly.Module.exports(new WebAssembly.Module(bytes)).some((e) => e.name === FUEL_EXPORT && e.kind === 'global');
}

/** Returns the module with a fuel counter at every function entry, loop header and return. */
export function meterModule(bytes) {
  const m = binaryen.readBinary(bytes);
  try {
    m.setFeatures(FEATURES);
    if (!m.validate()) throw new Error('binaryen could not validate the module before metering');
    m.runPasses(['log-execution']);
    const imported = m.getFunction(METER);
    if (!imported) throw new Error('the log-execution pass found nothing to meter');
    m.removeFunction(METER);
    m.addGlobal(GLOBAL, binaryen.i64, true, m.i64.const(START_ALLOWANCE));
    m.addGlobalExport(GLOBAL, FUEL_EXPORT);
    const fuel = () => m.global.get(GLOBAL, binaryen.i64);
    m.addFunction(
      METER,
      binaryen.createType([binaryen.i32]),
      binaryen.none,
      [],
      m.block(null, [
        m.global.set(GLOBAL, m.i64.sub(fuel(), m.i64.const(1n))),
        m.if(m.i64.lt_s(fuel(), m.i64.const(0n)), m.unreachable()),
      ]),
    );
    // Inline the meter everywhere, whatever the size heuristics think of the call sites.
    binaryen.setAlwaysInlineMaxSize(64);
    binaryen.setOptimizeLevel(3);
    binaryen.setShrinkLevel(0);
    m.runPasses(['inlining-optimizing']);
    m.removeFunction(METER);
    if (!m.validate()) throw new Error('the metered module does not validate');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
