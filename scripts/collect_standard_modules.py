#!/usr/bin/env python3
"""Collects what the standard community modules of one Odoo series define, from a FULL tree.

Usage:
    python3 scripts/collect_standard_modules.py --series 18.0 --source owner/repo@commit \
        --out core/odoo/standard-modules/odoo-18.0.json <addons dir> [<addons dir> ...]

For every installable module of the addons dirs (test_* modules left out), it records:
  depends  the manifest's depends (as written; `base` is implied for every module but base)
  models   the models the module defines (`_name` of a model class whose `_inherit` does not
           name it too: a class that only `_inherit`s extends a model, it does not define one)
  groups   ids of res.groups records of its data files
  views    ids of ir.ui.view records of its data files (QWeb <template>s are left out)
  menus    ids of <menuitem>s and ir.ui.menu records of its data files
Ids that name another module (`base.group_user` in sale's data) modify that module's records
and are not counted. Empty lists are left out. The output is sorted, so it is deterministic.
Python files are parsed with the stdlib `ast` and never imported or run.
"""
import argparse
import ast
import csv
import json
import os
import sys
import xml.etree.ElementTree as ET

MODEL_BASES = ('Model', 'TransientModel', 'AbstractModel')
KINDS = {'res.groups': 'groups', 'ir.ui.view': 'views', 'ir.ui.menu': 'menus'}


def const_strs(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def base_name(node):
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def models_of_file(path):
    try:
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), filename=path)
    except (SyntaxError, UnicodeDecodeError, ValueError) as error:
        print(f'warning: {path}: {error}', file=sys.stderr)
        return set()
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(base_name(b) in MODEL_BASES for b in node.bases):
            continue
        name, inherit = None, []
        for statement in node.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name) and target.id == '_name':
                    values = const_strs(statement.value)
                    name = values[0] if values else None
                elif isinstance(target, ast.Name) and target.id == '_inherit':
                    is_name = isinstance(statement.value, ast.Name) and statement.value.id == '_name'
                    inherit = [name] if is_name else const_strs(statement.value)
        if name and name not in inherit:
            found.add(name)
    return found


def python_files(module_dir):
    for root, dirs, files in os.walk(module_dir):
        dirs[:] = sorted(d for d in dirs if d not in ('tests', 'static', 'i18n', 'migrations', 'upgrades'))
        for file in sorted(files):
            if file.endswith('.py') and file != '__manifest__.py':
                yield os.path.join(root, file)


def own_id(raw, module):
    """The id as the module's own record, or None when it names another module's record."""
    if not raw:
        return None
    if '.' in raw:
        prefix, rest = raw.split('.', 1)
        return rest if prefix == module else None
    return raw


def records_of_xml(path, module, out):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        print(f'warning: {path}: {error}', file=sys.stderr)
        return
    for element in root.iter():
        if element.tag == 'menuitem':
            kind = 'menus'
        elif element.tag == 'record':
            kind = KINDS.get(element.get('model', ''))
        else:
            kind = None
        xml_id = own_id(element.get('id'), module) if kind else None
        if xml_id:
            out[kind].add(xml_id)


def records_of_csv(path, module, out):
    kind = KINDS.get(os.path.basename(path)[: -len('.csv')])
    if kind is None:
        return
    with open(path, encoding='utf-8', newline='') as handle:
        for row in csv.DictReader(handle):
            xml_id = own_id(row.get('id'), module)
            if xml_id:
                out[kind].add(xml_id)


def collect_module(module_dir, module, manifest):
    out = {'models': set(), 'groups': set(), 'views': set(), 'menus': set()}
    for path in python_files(module_dir):
        out['models'] |= models_of_file(path)
    for data in manifest.get('data', []):
        path = os.path.join(module_dir, data)
        if not os.path.isfile(path):
            print(f'warning: {module}: data file {data} is missing', file=sys.stderr)
        elif data.endswith('.xml'):
            records_of_xml(path, module, out)
        elif data.endswith('.csv'):
            records_of_csv(path, module, out)
    entry = {}
    depends = sorted(set(manifest.get('depends', [])))
    if depends:
        entry['depends'] = depends
    for kind in ('models', 'groups', 'views', 'menus'):
        if out[kind]:
            entry[kind] = sorted(out[kind])
    return entry


def read_manifest(module_dir):
    path = os.path.join(module_dir, '__manifest__.py')
    if not os.path.isfile(path):
        return None
    with open(path, encoding='utf-8') as handle:
        manifest = ast.literal_eval(handle.read())
    return manifest if manifest.get('installable', True) else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--series', required=True)
    parser.add_argument('--source', required=True, help='where the tree comes from, e.g. owner/repo@commit')
    parser.add_argument('--out', required=True)
    parser.add_argument('addons', nargs='+')
    args = parser.parse_args()
    modules = {}
    for addons in args.addons:
        for module in sorted(os.listdir(addons)):
            module_dir = os.path.join(addons, module)
            if module.startswith('test_') or module in modules or not os.path.isdir(module_dir):
                continue
            manifest = read_manifest(module_dir)
            if manifest is not None:
                modules[module] = collect_module(module_dir, module, manifest)
    document = {'series': args.series, 'source': args.source, 'modules': dict(sorted(modules.items()))}
    with open(args.out, 'w', encoding='utf-8') as handle:
        json.dump(document, handle, sort_keys=False, separators=(',', ':'))
        handle.write('\n')
    print(f'{args.series}: {len(modules)} modules, {sum(len(m.get("models", [])) for m in modules.values())} models → {args.out}')


if __name__ == '__main__':
    main()
