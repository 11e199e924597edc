import { z } from 'zod';

/**
 * ModuleSpec 1.1 `company` of a model (multi-company): the records belong to a company. The
 * generator adds `company_id` (required, the user's current company by default, indexed), a
 * global record rule that keeps each company's records apart, `check_company` on the model's
 * relations to other company-bound models, and shows the company to multi-company users only.
 * Self-contained (zod only): module-spec-schema.ts imports it.
 */
export const companySchema = z
  .boolean({ error: 'expected true or false (true: each record belongs to a company)' })
  .describe(
    'ModuleSpec 1.1 multi-company: true adds company_id (a required many2one to res.company, the current company by default), a record rule that shows a user only the records of the companies they work in, and check_company on the relations to other company-bound models (a record of company A cannot link one of company B); a sequence on the model becomes per company.',
  );
