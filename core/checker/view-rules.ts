import type { OdooSeries } from './addon-input.js';
import type { ActionViewMode, ViewDefinition } from './data-files.js';
import type { ModelRegistry } from './model-registry.js';
import type { FindingSink } from './module-summary.js';
import type { XmlElement } from './xml-tree.js';

const SUBVIEW_TAGS = new Set(['form', 'list', 'tree', 'graph', 'kanban', 'calendar']);
const VIEW_TYPES = new Set([
  'list',
  'tree',
  'form',
  'graph',
  'pivot',
  'calendar',
  'gantt',
  'kanban',
  'search',
  'qweb',
  'activity',
  'map',
  'cohort',
  'hierarchy',
  'grid',
  'dashboard',
  'diagram',
  'timeline',
]);

interface ViewContext {
  view: ViewDefinition;
  series: OdooSeries | undefined;
  registry: ModelRegistry;
  sink: FindingSink;
  /** Root tag of the view the inherit view extends, when known. */
  parentRoot: string | undefined;
  /** Models of this addon (or its dependencies) whose fields could not be checked: their parents are unknown. */
  skipped: Set<string>;
}

function seriesAtLeast(series: OdooSeries | undefined, minimum: number): boolean {
  return series !== undefined && Number.parseFloat(series) >= minimum;
}

/** Splits an xpath on the slashes that are outside predicates: `a[b/c]/d` → `a[b/c]`, `d`. */
function xpathSteps(expr: string): string[] {
  const steps: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of expr) {
    if (char === '[' || char === '(') depth += 1;
    if (char === ']' || char === ')') depth -= 1;
    if (char === '/' && depth === 0) {
      if (current) steps.push(current);
      current = '';
    } else current += char;
  }
  if (current) steps.push(current);
  return steps;
}

/**
 * The model in which content added at an xpath lives: sub-views reached through
 * `field[@name=...]` steps change it to the comodel. Undefined when it cannot be told.
 */
function xpathModel(ctx: ViewContext, expr: string, model: string | undefined): string | undefined {
  const steps = xpathSteps(expr.trim());
  const stack: (string | undefined)[] = [model];
  let previousWasField = false;
  for (const [index, step] of steps.entries()) {
    const top = stack[stack.length - 1];
    const last = index === steps.length - 1;
    if (step === '..') {
      stack.pop();
      if (stack.length === 0) return undefined;
      previousWasField = false;
      continue;
    }
    if (step === '.') continue;
    const axis = /^([a-z-]+)::/.exec(step)?.[1];
    if (axis === 'parent' || axis === 'ancestor' || axis === 'ancestor-or-self') {
      stack.pop();
      if (stack.length === 0) return undefined;
      previousWasField = false;
      continue;
    }
    if (axis === 'following-sibling' || axis === 'preceding-sibling') {
      stack.pop();
      if (stack.length === 0) return undefined;
      stack.push(stack[stack.length - 1]);
      previousWasField = false;
      continue;
    }
    if (axis !== undefined && axis !== 'child' && axis !== 'descendant' && axis !== 'descendant-or-self')
      return undefined;
    const fieldName = /^field\[@name=['"]([\w.]+)['"]\]/.exec(step)?.[1];
    if (fieldName) {
      if (last) {
        // The located node is that field: it must be a field of the current model to know where we are.
        if (!top || !ctx.registry.fields(top)?.has(fieldName)) return undefined;
        continue;
      }
      stack.push(top ? ctx.registry.comodel(top, fieldName) : undefined);
      previousWasField = true;
      continue;
    }
    const tag = /^([\w-]+|\*)/.exec(step)?.[1];
    const isSubview = tag !== undefined && SUBVIEW_TAGS.has(tag);
    const isRoot = index === 0 && tag === ctx.parentRoot;
    stack.push(isSubview && !previousWasField && !isRoot ? undefined : top);
    previousWasField = false;
  }
  return stack[stack.length - 1];
}

function checkField(ctx: ViewContext, element: XmlElement, model: string | undefined): void {
  const name = element.attrs.name;
  if (!model || !name) return;
  const fields = ctx.registry.fields(model);
  if (!fields && ctx.registry.models.get(model)?.defined) ctx.skipped.add(model);
  if (fields && !fields.has(name) && !name.startsWith('x_')) {
    ctx.sink({
      file: ctx.view.file,
      line: element.line,
      column: element.column,
      severity: 'error',
      rule: 'view-unknown-field',
      message: `view ${ctx.view.id}: field "${name}" does not exist on model "${model}"`,
    });
  }
}

function checkButton(ctx: ViewContext, element: XmlElement, model: string | undefined): void {
  const name = element.attrs.name;
  if (!model || !name || element.attrs.type !== 'object' || name.includes('%(')) return;
  const methods = ctx.registry.methods(model);
  if (!methods && ctx.registry.models.get(model)?.defined) ctx.skipped.add(model);
  if (methods && !methods.has(name)) {
    ctx.sink({
      file: ctx.view.file,
      line: element.line,
      column: element.column,
      severity: 'error',
      rule: 'view-button-method',
      message: `view ${ctx.view.id}: button calls "${name}", which is not a method of model "${model}"`,
    });
  }
}

function checkSyntax(ctx: ViewContext, element: XmlElement): void {
  const report = (rule: string, message: string): void =>
    ctx.sink({
      file: ctx.view.file,
      line: element.line,
      column: element.column,
      severity: 'error',
      rule,
      message,
    });
  if (seriesAtLeast(ctx.series, 17)) {
    for (const attr of ['attrs', 'states']) {
      if (element.attrs[attr] !== undefined) {
        report(
          'view-attrs-removed',
          `view ${ctx.view.id}: "${attr}" on <${element.tag}> is refused since Odoo 17.0; use invisible/readonly/required expressions`,
        );
      }
    }
    if (element.tag === 'attribute' && (element.attrs.name === 'attrs' || element.attrs.name === 'states')) {
      report(
        'view-attrs-removed',
        `view ${ctx.view.id}: setting "${element.attrs.name}" is refused since Odoo 17.0`,
      );
    }
  }
  if (element.tag === 'tree' && seriesAtLeast(ctx.series, 18)) {
    report('view-tree-removed', `view ${ctx.view.id}: <tree> is refused by Odoo ${ctx.series}; use <list>`);
  }
}

function walk(ctx: ViewContext, element: XmlElement, model: string | undefined, inherit: boolean): void {
  checkSyntax(ctx, element);
  if (inherit) {
    // In an inheriting view every top-level node is a locator (position defaults to "inside");
    // its children are new content, checked in the model the located node lives in.
    if (element.tag === 'data') {
      for (const child of element.children) walk(ctx, child, model, true);
      return;
    }
    let target = model;
    if (element.tag === 'xpath') target = xpathModel(ctx, element.attrs.expr ?? '', model);
    else if (element.tag === 'field') {
      const fields = model ? ctx.registry.fields(model) : undefined;
      if (!fields?.has(element.attrs.name ?? '')) target = undefined;
    } else if (SUBVIEW_TAGS.has(element.tag) && element.tag !== ctx.parentRoot) target = undefined;
    for (const child of element.children) walk(ctx, child, target, false);
    return;
  }
  if (element.tag === 'field') {
    checkField(ctx, element, model);
    for (const child of element.children) {
      if (SUBVIEW_TAGS.has(child.tag))
        walk(ctx, child, model ? ctx.registry.comodel(model, element.attrs.name ?? '') : undefined, false);
      else walk(ctx, child, model, false);
    }
    return;
  }
  if (element.tag === 'groupby' && element.attrs.name) {
    checkField(ctx, element, model);
    const comodel = model ? ctx.registry.comodel(model, element.attrs.name) : undefined;
    for (const child of element.children) walk(ctx, child, comodel, false);
    return;
  }
  if (element.tag === 'button') checkButton(ctx, element, model);
  for (const child of element.children) walk(ctx, child, model, false);
}

/** Field, button, type and series-syntax rules over the addon's views. */
export function checkViews(
  views: ViewDefinition[],
  viewModelOf: (id: string) => { model?: string; root?: string } | undefined,
  registry: ModelRegistry,
  series: OdooSeries | undefined,
  sink: FindingSink,
  /** Every model of the installed closure is known: a model outside it does not exist. */
  modelsComplete = false,
): void {
  for (const view of views) {
    if (view.qweb || !view.arch) continue;
    const parent = view.inheritId ? viewModelOf(view.inheritId) : undefined;
    const model = view.model ?? parent?.model;
    if (modelsComplete && view.model && !view.model.startsWith('x_') && !registry.models.has(view.model)) {
      sink({
        file: view.file,
        line: view.line,
        severity: 'error',
        rule: 'view-unknown-model',
        message: `view ${view.id}: model "${view.model}" is defined neither in the addon nor in its dependencies`,
      });
      continue;
    }
    const ctx: ViewContext = { view, series, registry, sink, parentRoot: parent?.root, skipped: new Set() };
    const root = view.arch;
    if (!view.inheritId && root.tag !== 'data') {
      if (
        !VIEW_TYPES.has(root.tag) ||
        (root.tag === 'list' && series !== undefined && !seriesAtLeast(series, 17.5))
      ) {
        sink({
          file: view.file,
          line: root.line,
          column: root.column,
          severity: 'error',
          rule: 'view-unknown-type',
          message: `view ${view.id}: <${root.tag}> is not a view type Odoo ${series ?? ''} knows`.replace(
            '  ',
            ' ',
          ),
        });
        continue;
      }
    }
    walk(ctx, root, model, Boolean(view.inheritId));
    reportSkipped(ctx);
  }
}

/**
 * An info per model whose view fields were not checked because a model it inherits from (a mail
 * mixin, typically) is defined outside the known modules: what was skipped and why, not silence.
 */
function reportSkipped(ctx: ViewContext): void {
  for (const model of [...ctx.skipped].sort()) {
    const unknown = ctx.registry.unknownAncestors(model).filter((name) => name !== model);
    const why =
      unknown.length === 0
        ? 'its parents are not all known'
        : unknown.includes('?')
          ? 'a model name in its inheritance is computed at run time'
          : `it inherits ${unknown.map((name) => `"${name}"`).join(', ')}, defined outside the addon and the dependencies found`;
    ctx.sink({
      file: ctx.view.file,
      line: ctx.view.line,
      severity: 'info',
      rule: 'view-fields-not-checked',
      message: `view ${ctx.view.id}: the fields and buttons of model "${model}" were not checked: ${why} (give --addons-path with the folders of its dependencies to check them)`,
    });
  }
}

/** `tree` in an action's view_mode: Odoo 18 has no such view type. */
export function checkViewModes(
  modes: ActionViewMode[],
  series: OdooSeries | undefined,
  sink: FindingSink,
): void {
  if (!seriesAtLeast(series, 18)) return;
  for (const mode of modes) {
    if (
      mode.value
        .split(',')
        .map((part) => part.trim())
        .includes('tree')
    ) {
      sink({
        file: mode.file,
        line: mode.line,
        severity: 'error',
        rule: 'action-view-mode-tree',
        message: `${mode.field} "${mode.value}" uses "tree", which Odoo ${series} replaced by "list"`,
      });
    }
  }
}
