import { describe, it } from 'node:test';
import { assertError, assertLibraryValid, libraryErrors } from './spec-helpers.js';

describe('checkSpecReferences: security', () => {
  it('refuses implied groups that do not exist, or from modules not depended on', () => {
    const errors = libraryErrors((spec) => {
      spec.security.groups['manager']!.implies = ['usr', 'sale.group_sale_salesman', 'base.group_user'];
    });
    assertError(errors, 'security.groups.manager.implies[0]', 'unknown group usr', 'user, manager');
    assertError(errors, 'security.groups.manager.implies[1]', 'add sale to module.depends');
  });

  it('refuses cycles of implied groups', () => {
    const errors = libraryErrors((spec) => (spec.security.groups['user']!.implies = ['manager']));
    assertError(errors, 'security.groups.manager.implies', 'cycle', 'manager → user → manager');
    const self = libraryErrors((spec) => (spec.security.groups['user']!.implies = ['user']));
    assertError(self, 'security.groups.user.implies[0]', 'cannot imply itself');
  });

  it('refuses access rows for unknown models or groups and models without access', () => {
    const errors = libraryErrors((spec) => {
      spec.security.access['res.partner'] = { user: 'r' };
      spec.security.access['library.loan'] = { user: 'cru', admin: 'crud' };
      delete spec.security.access['library.book'];
    });
    assertError(
      errors,
      'security.access["res.partner"]',
      'not a model of this spec',
      'library.book, library.loan',
    );
    assertError(errors, 'security.access["library.loan"].admin', 'unknown group admin');
    assertError(errors, 'models[0].name', 'no row in security.access');
  });

  it('refuses rules on unknown models, unknown groups and bad domains', () => {
    const errors = libraryErrors((spec) => {
      spec.security.rules.push({ model: 'library.member', groups: ['user'], domain: '[]' });
      spec.security.rules.push({
        model: 'library.book',
        groups: ['reader'],
        domain: "[('owner_id', '=', user.id)]",
      });
      spec.security.rules.push({ model: 'library.book', groups: ['user'], domain: "[('state', '=', 'x')" });
    });
    assertError(errors, 'security.rules[2].model', 'library.member is not a model');
    assertError(errors, 'security.rules[3].groups[0]', 'unknown group reader');
    assertError(errors, 'security.rules[3].domain', 'owner_id, which is not a field of library.book');
    assertError(errors, 'security.rules[4].domain', 'Python list');
  });

  it('accepts external groups of base and of dependencies', () => {
    assertLibraryValid((spec) => {
      spec.security.groups['user']!.implies = ['base.group_user'];
      spec.security.access['library.book']!['mail.group_mail_template_editor'] = 'r';
      spec.security.rules.push({
        model: 'library.book',
        groups: ['base.group_user'],
        domain: "[('create_uid', '=', user.id)]",
      });
    });
  });
});
