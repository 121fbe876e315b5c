import { writeFileSync } from 'node:fs';
import { renderEnvExample } from '@app/core';

// Rewrites .env.example from the config schema.
writeFileSync('.env.example', renderEnvExample());
console.log('wrote .env.example');
