import type { Command } from '../command.ts';
import { generateBundleCommand, generateConfigMapCommand, generateCrdCommand, generateRbacCommand, generateSchemaCommand } from './generate.ts';
import { initCommand } from './init.ts';
import { controlCommand } from './control.ts';
import { gateCommand, runCommand } from './serve.ts';
import { validateCommand } from './validate.ts';
import { versionCommand } from './version.ts';
import { pullCommand } from './pull.ts';
import { pushCommand } from './push.ts';

/** Every command of the developer CLI, in help order. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  generateCrdCommand,
  generateBundleCommand,
  generateRbacCommand,
  generateConfigMapCommand,
  generateSchemaCommand,
  initCommand,
  pushCommand,
  pullCommand,
  runCommand,
  gateCommand,
  controlCommand,
  versionCommand,
];
