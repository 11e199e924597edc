import type Anthropic from '@anthropic-ai/sdk';
import type { DrafterLogger, MessagesClient } from '../llm/spec-drafter.js';
import { costOf, estimateInputTokens, type TokenBudget } from '../llm/token-budget.js';
import {
  REPAIR_SYSTEM_PROMPT,
  REPAIR_TOOL_NAME,
  repairMessage,
  repairTool,
  type RepairRequest,
} from './repair-prompt.js';
import { validateEdits, type EditRefusal, type FileEdit } from './validate-edits.js';

export interface LlmRepairOptions {
  installationId: number;
  model: string;
  /** Answers per attempt; a refused or unchecked answer is sent back with the reasons. */
  maxAnswers: number;
  monthlyTokenBudget: number;
  /** Test files the spec generated, relative to the addon folder: never edited. */
  generatedTests: ReadonlySet<string>;
  /** Runs the checker on the patched addon; answers its error findings as lines (empty: clean). */
  verify: (edits: Map<string, string>) => Promise<string[]>;
}

export type LlmRepairResult =
  | { ok: true; edits: Map<string, string>; explanation: string; answers: number }
  | { ok: false; reason: 'budget'; used: number }
  | { ok: false; reason: 'refused'; answers: number; refusals: EditRefusal[]; checkerErrors: string[] };

type MessageParam = Anthropic.Messages.MessageParam;

/**
 * Asks the model for file edits through one tool, refuses edits outside the addon, to
 * workflows or to the generated tests, and keeps only an answer after which the checker finds
 * no error. Every call is reserved against the month's token budget first (as the spec drafter).
 */
export class LlmRepairer {
  readonly #client: MessagesClient;
  readonly #budget: TokenBudget;
  readonly #log: DrafterLogger;

  constructor(client: MessagesClient, budget: TokenBudget, log: DrafterLogger) {
    this.#client = client;
    this.#budget = budget;
    this.#log = log;
  }

  async repair(request: RepairRequest, options: LlmRepairOptions): Promise<LlmRepairResult> {
    const messages: MessageParam[] = [{ role: 'user', content: repairMessage(request) }];
    let refusals: EditRefusal[] = [];
    let checkerErrors: string[] = [];
    for (let answer = 1; answer <= options.maxAnswers; answer += 1) {
      const response = await this.#call(options, messages);
      if (!response)
        return { ok: false, reason: 'budget', used: await this.#budget.used(options.installationId) };
      const call = response.content.find(
        (b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use' && b.name === REPAIR_TOOL_NAME,
      );
      const input = (call?.input ?? {}) as { explanation?: unknown; edits?: unknown };
      const edits = Array.isArray(input.edits) ? input.edits.filter(isFileEdit) : [];
      const checked = validateEdits(edits, request.root, options.generatedTests);
      refusals = checked.refused;
      checkerErrors = refusals.length === 0 ? await options.verify(checked.accepted) : [];
      if (refusals.length === 0 && checkerErrors.length === 0)
        return {
          ok: true,
          edits: checked.accepted,
          explanation: String(input.explanation ?? ''),
          answers: answer,
        };
      const problems = [
        ...refusals.map((r) => `refused edit of ${r.path}: ${r.why}`),
        ...checkerErrors.map((e) => `the checker still finds: ${e}`),
      ].join('\n');
      messages.push(
        { role: 'assistant', content: response.content },
        call
          ? {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: call.id, is_error: true, content: problems }],
            }
          : { role: 'user', content: `Call the tool \`${REPAIR_TOOL_NAME}\` with your edits.` },
      );
    }
    return { ok: false, reason: 'refused', answers: options.maxAnswers, refusals, checkerErrors };
  }

  async #call(
    options: LlmRepairOptions,
    messages: MessageParam[],
  ): Promise<Anthropic.Messages.Message | undefined> {
    const params: Anthropic.Messages.MessageCreateParamsNonStreaming = {
      model: options.model,
      max_tokens: 8192,
      system: REPAIR_SYSTEM_PROMPT,
      tools: [repairTool],
      tool_choice: { type: 'tool', name: REPAIR_TOOL_NAME },
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
        },
        'llm repair call refused: it could cross the monthly token budget',
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
    const usage = { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens };
    const monthTotal = await this.#budget.settle(reserved.reservation, usage);
    this.#log.info(
      {
        installation: options.installationId,
        model: options.model,
        task: 'repair',
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cost_usd: Number(costOf(options.model, usage).toFixed(6)),
        month_tokens: monthTotal,
      },
      'llm usage',
    );
    return response;
  }
}

function isFileEdit(value: unknown): value is FileEdit {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FileEdit).path === 'string' &&
    typeof (value as FileEdit).content === 'string'
  );
}
