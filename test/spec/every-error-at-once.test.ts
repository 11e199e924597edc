import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf } from './spec-helpers.js';

const HEAD = `spec_version: 1
odoo: "18.0"
module: {name: forge_todo, title: Todo}
`;

describe('parseSpec: every error at once', () => {
  it('names other entries by their place in the text when an earlier entry was left out', () => {
    const errors = errorsOf(`${HEAD}models:
  - {name: Bad.Name, title: X, fields: {}}
  - {name: forge.task, title: Task, fields: {name: {type: char}}}
  - {name: forge.task, title: Again, fields: {name: {type: char}}}
`);
    const duplicate = errors.find((error) => error.path === 'models[2].name');
    assert.ok(duplicate, JSON.stringify(errors));
    assert.match(duplicate.message, /already defined by models\[1\]/);
    assert.equal(duplicate.line, 7);
  });

  it('checks the references of a list entry that comes after a removed one at its own index', () => {
    const errors = errorsOf(`${HEAD}models:
  - {name: forge.tag, title: Tag, fields: {name: {type: colour}}}
  - {name: forge.task, title: Task, fields: {name: {type: char}}, views: {list: [nam]}}
`);
    assert.deepEqual(
      errors.map((error) => `${error.line}:${error.path}`),
      ['5:models[0].fields.name.type', '6:models[1].views.list[0]'],
    );
  });

  it('still reports the reference errors of a spec whose only other problem is a duplicate key', () => {
    const errors = errorsOf(`${HEAD}models:
  - name: forge.task
    title: Task
    title: Task
    fields: {name: {type: char}}
    views: {list: [nam]}
`);
    assert.deepEqual(
      errors.map((error) => `${error.line}:${error.path}`),
      ['7:(yaml)', '9:models[0].views.list[0]'],
    );
  });

  it('points a missing key of a nested mapping at the line of that mapping', () => {
    const errors = errorsOf(`${HEAD}models:
  - name: forge.task
    title: Task
    fields:
      name: {type: char}
    workflow:
      buttons: [{name: go, label: Go, from: [a], to: b}]
`);
    const missing = errors.find((error) => error.path === 'models[0].workflow.field');
    assert.ok(missing, JSON.stringify(errors));
    assert.match(missing.message, /missing \(required\)/);
    assert.equal(missing.line, 9);
  });
});
