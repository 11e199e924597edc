/** The small logger the local Odoo runner takes (structurally the same as the other runner/ loggers). */
export interface LocalOdooLogger {
  info(message: string): void;
  debug(message: string): void;
}
