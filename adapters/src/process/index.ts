// @orkestra/adapters/process: the process plumbing the server apps (runtime, gateway, Control Center)
// share at their composition roots: entry point, argv, env schema, JSON-lines logger, signals.
export { appUsage, parseAppArgs, type AppCommand } from './parse-app-args.ts';
export { loadKatalogFile, type LoadedKatalog } from './load-katalog-file.ts';
export { isEntryPoint, readPackageVersion } from './entry-point.ts';
export { createLogger, type LogLevel } from './logger.ts';
export { envBool, envDuration, envInteger, envLogLevel, envOptionalText, envText, parseEnv } from './env-schema.ts';
export { runApp, runPlainApp, type AppSpec, type PlainAppSpec } from './run-app.ts';
export { fastifyLogger } from './fastify-logger.ts';
export { shutdownOnSignals, type Shutdown } from './shutdown-on-signals.ts';
