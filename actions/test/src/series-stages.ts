import type { SeriesStage } from '../../../runner/pr/series-stage.js';
import { upgradeStage } from '../../../runner/upgrade/upgrade-stage.js';

/**
 * The extra stages actions/test runs on every series after its tests and browser checks, each
 * with its own check run `Odoo Forge / <name> (<series>)` (runner/pr/series-stage.ts). One line
 * per stage.
 */
export const seriesStages: readonly SeriesStage[] = [upgradeStage];
