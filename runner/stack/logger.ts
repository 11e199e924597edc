/** Moved to runner/logger.ts (one Logger for all of runner/); this re-export goes once no import names it. */
export { silentLogger, type Logger } from '../logger.js';
