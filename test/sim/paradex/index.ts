export {
  startParadexSimulator,
  SIM_CHAIN_ID,
  type ParadexSimAccount,
  type ParadexSimulatorHandle,
  type ParadexSimulatorOptions,
} from './paradex-simulator.ts';
