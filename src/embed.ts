/**
 * Entry of the embed build (dist/cdn/): everything, registered. Partner sites often send a strict
 * Content-Security-Policy, so zod must not try its eval-based fast path there.
 */
import { config } from 'zod/mini';

config({ jitless: true });

export * from './index.js';
