// Fuel metering for core Wasm modules, with binaryen.js.
//
// Every function entry and every loop header takes one unit of fuel and traps (`unreachable`)
// when the counter goes below zero. The counter of record is a mutable i64 global exported as
// `lab_fuel`: the host sets the budget before the run and reads what is left afterwards (and after
// a trap, to tell "out of fuel" from any other trap).
//
// Inside a function the counter lives in a local. V8 keeps a local in a register, while a global
// (an exported one especially) is a load and a store through the instance on every loop iteration;
// that was 1.87x on the benchmark's inner loops. The local is loaded from the global at function
// entry and written back wherever anything else can observe the counter: before every call (the
// callee, or the host behind an import, reads the global), before every return and at the end of
// the body, and before the trap when the fuel runs out. After a call the local is reloaded, since
// the callee charged the global.
//
// To find every call and return without an expression walker for each of binaryen's node kinds,
// the module is first flattened (binaryen's `flatten` pass): every call and return then stands as
// a statement in a block, with plain `local.get`s for operands, so the write-back sits exactly
// between the operands and the call. The optimizer folds the flattened code back afterwards.
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

const GLOBAL = '__lab_fuel';

/** True when the module already carries the meter (it exports the fuel global). */
export function isMetered(bytes) {
  return WebAssembly.Module.exports(new WebAssembly.Module(bytes)).some((e) => e.name === FUEL_EXPORT && e.kind === 'global');
}

const { Block, Drop, If, LocalSet, Loop } = binaryen;

/** Instruments one function of a flattened module. */
function meterFunction(m, func) {
  const fuel = binaryen._BinaryenFunctionAddVar(func, binaryen.i64);
  const i64 = binaryen.i64;
  const load = () => m.local.set(fuel, m.global.get(GLOBAL, i64));
  const store = () => m.global.set(GLOBAL, m.local.get(fuel, i64));
  const charge = () =>
    m.block(null, [
      m.local.set(fuel, m.i64.sub(m.local.get(fuel, i64), m.i64.const(1n))),
      // The write-back before the trap is what lets the host see the counter below zero.
      m.if(m.i64.lt_s(m.local.get(fuel, i64), m.i64.const(0n)), m.block(null, [store(), m.unreachable()])),
    ]);

  /** The statements that replace one statement of a block. */
  const statement = (expr) => {
    const id = binaryen.getExpressionId(expr);
    if (id === binaryen.ReturnId) return [store(), expr];
    let call = expr;
    if (id === binaryen.LocalSetId) call = LocalSet.getValue(expr);
    else if (id === binaryen.DropId) call = Drop.getValue(expr);
    const callId = call ? binaryen.getExpressionId(call) : 0;
    if (callId === binaryen.CallId || callId === binaryen.CallIndirectId) {
      // A call of unreachable type (a callee that never returns) needs no reload after it.
      return binaryen.getExpressionType(expr) === binaryen.unreachable ? [store(), expr] : [store(), expr, load()];
    }
    visit(expr);
    return [expr];
  };

  /** Rewrites the control structures under expr in place; returns expr or its replacement. */
  const visit = (expr) => {
    if (!expr) return expr;
    const id = binaryen.getExpressionId(expr);
    if (id === binaryen.BlockId) {
      const children = Block.getChildren(expr).flatMap(statement);
      Block.setChildren(expr, children);
      return expr;
    }
    if (id === binaryen.LoopId) {
      Loop.setBody(expr, m.block(null, [charge(), ...statement(Loop.getBody(expr))], binaryen.getExpressionType(Loop.getBody(expr))));
      return expr;
    }
    if (id === binaryen.IfId) {
      If.setIfTrue(expr, wrap(If.getIfTrue(expr)));
      const no = If.getIfFalse(expr);
      if (no) If.setIfFalse(expr, wrap(no));
      return expr;
    }
    // Flat IR keeps control flow out of operands, but a local.set or drop may still hold a block.
    if (id === binaryen.LocalSetId) LocalSet.setValue(expr, wrap(LocalSet.getValue(expr)));
    else if (id === binaryen.DropId) Drop.setValue(expr, wrap(Drop.getValue(expr)));
    return expr;
  };
  /** A single statement (an if arm) as a block, so that a call in it can become several. */
  const wrap = (expr) => {
    const parts = statement(expr);
    return parts.length === 1 ? parts[0] : m.block(null, parts, binaryen.getExpressionType(expr));
  };

  const body = binaryen.Function.getBody(func);
  const type = binaryen.getExpressionType(body);
  const entry = [load(), charge()];
  let metered;
  if (type === binaryen.none) metered = m.block(null, [...entry, ...statement(body), store()]);
  else if (type === binaryen.unreachable) metered = m.block(null, [...entry, ...statement(body)], binaryen.unreachable);
  else {
    // A body that yields a value: keep it aside, write the counter back, then yield it.
    const result = binaryen._BinaryenFunctionAddVar(func, type);
    metered = m.block(null, [...entry, m.local.set(result, wrap(body)), store(), m.local.get(result, type)], type);
  }
  binaryen.Function.setBody(func, metered);
}

/**
 * Returns the module with a fuel counter charged at every function entry and loop header.
 * `{ counter: false }` runs the same flatten-and-optimize pipeline without the counter: the
 * benchmark's second baseline, which separates the counter's cost from the optimizer's effect.
 */
export function meterModule(bytes, { counter = true } = {}) {
  // Metering twice would leave two counters, and the host would read only one of them.
  if (isMetered(bytes)) throw new Error(`the module is already metered (it exports ${FUEL_EXPORT})`);
  const m = binaryen.readBinary(bytes);
  try {
    m.setFeatures(FEATURES);
    if (!m.validate()) throw new Error('binaryen could not validate the module before metering');
    m.runPasses(['flatten']);
    if (counter) m.addGlobal(GLOBAL, binaryen.i64, true, m.i64.const(START_ALLOWANCE));
    if (counter) m.addGlobalExport(GLOBAL, FUEL_EXPORT);
    for (let i = 0; counter && i < m.getNumFunctions(); i++) {
      const func = m.getFunctionByIndex(i);
      if (binaryen.getFunctionInfo(func).module) continue; // an import has no body
      meterFunction(m, func);
    }
    if (!m.validate()) throw new Error('the metered module does not validate');
    binaryen.setOptimizeLevel(3);
    binaryen.setShrinkLevel(0);
    m.optimize();
    if (!m.validate()) throw new Error('the metered module does not validate after optimizing');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
