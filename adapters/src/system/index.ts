export { systemClock } from './system-clock.ts';
export { platformInfo, type PlatformInfo } from './platform-info.ts';
export { systemEntropy } from './entropy.ts';
