// The pure domain layer: no Firebase imports, injected clock. Shared by functions and the console.
export * from './clock';
export * from './regions';
export * from './roles';
export * from './privacy';
export * from './case-model';
export * from './case-machine';
export * from './access';
export * from './intake';
export * from './users';
export * from './alerts';
export * from './calendar';
export * from './deadlines';
export * from './clocks';
export * from './webhooks';
export * from './counters';
export * from './admin';
export * from './roster';
