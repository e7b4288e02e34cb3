#!/usr/bin/env node
/** Entry point of the `breakwater-sim` binary (bundled to dist/breakwater-sim.js). */
import { run } from './simulator/cli';

process.exitCode = run(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`));
