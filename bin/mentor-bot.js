#!/usr/bin/env node
// Runs the TypeScript sources through tsx so `npx mentor-bot` and `npm start` need no build step.
require('tsx/cjs/api').register();
require('../src/main.ts');
