export declare const FUEL_EXPORT: 'lab_fuel';
export declare const START_ALLOWANCE: bigint;
export declare function isMetered(bytes: Uint8Array): boolean;
export declare function meterModule(bytes: Uint8Array, options?: { counter?: boolean }): Uint8Array;
