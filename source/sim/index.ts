export * from './Simulator.js';
export * from './Prng.js';
export * from './Wwn.js';
export * from './FcId.js';
export * from './EventLog.js';
