import { findModel, groupRef, type AddonPlan } from './addon-plan.js';
import { actionXmlId } from './render-views.js';
import { el, renderOdooXml, type XmlNode } from './xml-element.js';

/** `views/menus.xml`: the root menu and one entry per item, each opening its model's action. */
export function renderMenus(plan: AddonPlan): string {
  const records: XmlNode[] = [];
  const groups = plan.groups.map((group) => groupRef(group.key)).join(',');
  records.push(el('menuitem', { id: 'menu_root', name: plan.menus.root, sequence: 100, groups: groups || undefined }));
  plan.menus.items.forEach((item, index) => {
    const model = findModel(plan, item.model);
    if (!model) return;
    let action = actionXmlId(model);
    if (model.kind === 'extension') {
      // An existing model has no action of ours yet: declare one next to its menu.
      action = `${model.table}_action_${plan.module}`;
      records.push(
        el('record', { id: action, model: 'ir.actions.act_window' }, [
          el('field', { name: 'name' }, [item.label]),
          el('field', { name: 'res_model' }, [model.name]),
          el('field', { name: 'view_mode' }, [`${plan.profile.listMode},form`]),
        ]),
      );
    }
    records.push(el('menuitem', { id: `${model.table}_menu`, name: item.label, parent: 'menu_root', action, sequence: (index + 1) * 10 }));
  });
  return renderOdooXml(records);
}
