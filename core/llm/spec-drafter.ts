import type Anthropic from '@anthropic-ai/sdk';
import { stringify } from 'yaml';
import { moduleSpecJsonSchema } from '../spec/module-spec-json-schema.js';
import type { ModuleSpec, SpecError } from '../spec/module-spec.js';
import { parseSpec } from '../spec/parse-spec.js';
import { costOf, estimateInputTokens, type Reservation, type TokenBudget } from './token-budget.js';
import {
  SPEC_SYSTEM_PROMPT,
  SPEC_TOOL_NAME,
  draftMessage,
  retryMessage,
  reviseMessage,
  type SpecRequest,
} from './spec-prompt.js';

/** The part of the Anthropic client the drafter calls (the app and the CLI inject `new Anthropic(...)`). */
export interface MessagesClient {
  messages: {
    create(
      params: Anthropic.Messages.MessageCreateParamsNonStreaming,
    ): PromiseLike<Anthropic.Messages.Message>;
  };
}

export interface DrafterLogger {
  info(details: Record<string, unknown>, message: string): void;
}

export interface DraftOptions {
  installationId: number;
  model: string;
  maxAttempts: number;
  monthlyTokenBudget: number;
}

export type DraftResult =
  | { ok: true; spec: ModuleSpec; yaml: string; attempts: number }
  | { ok: false; reason: 'budget'; used: number; budget: number }
  | { ok: false; reason: 'invalid'; attempts: number; errors: string[] };

type MessageParam = Anthropic.Messages.MessageParam;

/**
 * Asks the model for a ModuleSpec through a tool whose input schema is the ModuleSpec JSON
 * Schema, validates the answer with `parseSpec`, and sends the errors back a bounded number of
 * times. Counts tokens per installation and refuses to call once the month's budget is spent.
 */
export class SpecDrafter {
  readonly #client: MessagesClient;
  readonly #budget: TokenBudget;
  readonly #log: DrafterLogger;

  constructor(client: MessagesClient, budget: TokenBudget, log: DrafterLogger) {
    this.#client = client;
    this.#budget = budget;
    this.#log = log;
  }

  draft(request: SpecRequest, options: DraftOptions): Promise<DraftResult> {
    const fixed = request.technicalName ? { name: request.technicalName.trim() } : {};
    return this.#converse(draftMessage(request), options, { odoo: request.odooVersion, ...fixed });
  }

  revise(currentYaml: string, instruction: string, options: DraftOptions): Promise<DraftResult> {
    return this.#converse(reviseMessage(currentYaml, instruction), options, {});
  }

  async #converse(
    first: string,
    options: DraftOptions,
    expected: { odoo?: string; name?: string },
  ): Promise<DraftResult> {
    const messages: MessageParam[] = [{ role: 'user', content: first }];
    const { $schema: _dialect, ...schema } = moduleSpecJsonSchema();
    const inputSchema: Anthropic.Messages.Tool.InputSchema = { ...schema, type: 'object' };
    let errors: string[] = [];
    for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
      const response = await this.#call(options, messages, inputSchema);
      if (!response) {
        const used = await this.#budget.used(options.installationId);
        return { ok: false, reason: 'budget', used, budget: options.monthlyTokenBudget };
      }
      const call = response.content.find(
        (block): block is Anthropic.Messages.ToolUseBlock =>
          block.type === 'tool_use' && block.name === SPEC_TOOL_NAME,
      );
      if (!call) {
        errors = ['no call of the tool in the answer'];
        messages.push(
          { role: 'assistant', content: response.content },
          { role: 'user', content: `Call the tool \`${SPEC_TOOL_NAME}\` with the spec.` },
        );
        continue;
      }
      const yaml = stringify(call.input, { lineWidth: 0 });
      const parsed = parseSpec(yaml);
      errors = parsed.ok ? expectationErrors(parsed.spec, expected) : parsed.errors.map(formatSpecError);
      if (parsed.ok && errors.length === 0) return { ok: true, spec: parsed.spec, yaml, attempts: attempt };
      messages.push(
        { role: 'assistant', content: response.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: call.id, is_error: true, content: retryMessage(errors) },
          ],
        },
      );
    }
    return { ok: false, reason: 'invalid', attempts: options.maxAttempts, errors };
  }

  /**
   * One call of the model, reserved first at its largest size (estimated input plus
   * `max_tokens`): undefined, and no call, when that would take the month past the budget.
   */
  async #call(
    options: DraftOptions,
    messages: MessageParam[],
    inputSchema: Anthropic.Messages.Tool.InputSchema,
  ): Promise<Anthropic.Messages.Message | undefined> {
    const params: Anthropic.Messages.MessageCreateParamsNonStreaming = {
      model: options.model,
      max_tokens: 8192,
      system: SPEC_SYSTEM_PROMPT,
      tools: [
        {
          name: SPEC_TOOL_NAME,
          description: 'Submit the complete Odoo Forge ModuleSpec.',
          input_schema: inputSchema,
        },
      ],
      tool_choice: { type: 'tool', name: SPEC_TOOL_NAME },
      messages,
    };
    const largest =
      estimateInputTokens({ system: params.system, tools: params.tools, messages }) + params.max_tokens;
    const reserved = await this.#budget.reserve(options.installationId, largest, options.monthlyTokenBudget);
    if (!reserved.ok) {
      this.#log.info(
        {
          installation: options.installationId,
          month_tokens: reserved.used,
          call_tokens_at_most: reserved.needed,
          month_budget: options.monthlyTokenBudget,
        },
        'llm call refused: it could cross the monthly token budget',
      );
      return undefined;
    }
    let response: Anthropic.Messages.Message;
    try {
      response = await this.#client.messages.create(params);
    } catch (thrown) {
      await this.#budget.settle(reserved.reservation, { inputTokens: 0, outputTokens: 0 });
      throw thrown;
    }
    await this.#account(options, response, reserved.reservation);
    return response;
  }

  async #account(
    options: DraftOptions,
    response: Anthropic.Messages.Message,
    reservation: Reservation,
  ): Promise<void> {
    const usage = { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens };
    const monthTotal = await this.#budget.settle(reservation, usage);
    this.#log.info(
      {
        installation: options.installationId,
        model: options.model,
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cost_usd: Number(costOf(options.model, usage).toFixed(6)),
        month_tokens: monthTotal,
        month_budget: options.monthlyTokenBudget,
      },
      'llm usage',
    );
  }
}

export function formatSpecError(error: SpecError): string {
  return `${error.line !== undefined ? `line ${error.line}: ` : ''}\`${error.path}\`: ${error.message}`;
}

function expectationErrors(spec: ModuleSpec, expected: { odoo?: string; name?: string }): string[] {
  const errors: string[] = [];
  if (expected.odoo && spec.odoo !== expected.odoo)
    errors.push(`\`odoo\`: must be "${expected.odoo}" (asked in the form), got "${spec.odoo}"`);
  if (expected.name && spec.module.name !== expected.name)
    errors.push(`\`module.name\`: must be "${expected.name}" (asked in the form), got "${spec.module.name}"`);
  return errors;
}
