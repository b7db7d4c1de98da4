import type { Command } from '../command.ts';
import { generateBundleCommand, generateConfigMapCommand, generateCrdCommand, generateRbacCommand, generateSchemaCommand } from './generate.ts';
import { initCommand } from './init.ts';
import { controlCommand } from './control.ts';
import { gateCommand, migrateStorageCommand, runCommand } from './serve.ts';
import { validateCommand } from './validate.ts';
import { admitCommand } from './admit.ts';
import { versionCommand } from './version.ts';
import { pullCommand } from './pull.ts';
import { pushCommand } from './push.ts';
import { convertCommand } from './convert.ts';

/** Every command of the developer CLI, in help order. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  admitCommand,
  generateCrdCommand,
  generateBundleCommand,
  generateRbacCommand,
  generateConfigMapCommand,
  generateSchemaCommand,
  convertCommand,
  initCommand,
  pushCommand,
  pullCommand,
  runCommand,
  migrateStorageCommand,
  gateCommand,
  controlCommand,
  versionCommand,
];
