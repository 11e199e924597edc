# Reads {"files": [path...], "sources": [{path, content}...]} on stdin, parses each with the stdlib `ast`, prints one JSON
# object per line: {"path", "error"?, "manifest"?, "manifestError"?, "imports", "classes"}.
import ast, json, re, sys, time

FIELD_TYPES = None

def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return '.'.join(reversed(parts))
    return None

def const_str(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None

def str_list(node):
    s = const_str(node)
    if s is not None:
        return [s]
    if isinstance(node, (ast.List, ast.Tuple)):
        out = []
        for elt in node.elts:
            v = const_str(elt)
            if v is None:
                return None
            out.append(v)
        return out
    return None

def jsonable(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)

def field_of(call, name, line):
    func = dotted(call.func)
    if func is None:
        return None
    ftype = func.split('.')[-1]
    if not ftype[:1].isupper():
        return None
    field = {'name': name, 'line': line, 'type': ftype}
    if call.args:
        first = const_str(call.args[0])
        if first is not None and ftype in ('Many2one', 'One2many', 'Many2many'):
            field['comodel'] = first
    for kw in call.keywords:
        if kw.arg == 'delegate' and isinstance(kw.value, ast.Constant) and kw.value.value:
            field['delegate'] = True
        if kw.arg == 'comodel_name':
            v = const_str(kw.value)
            if v is not None:
                field['comodel'] = v
        elif kw.arg == 'related':
            v = const_str(kw.value)
            if v is not None:
                field['related'] = v
    return field

def class_statements(body):
    # statements of a class body, those under if/try/with included (fields defined conditionally)
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from class_statements(stmt.body)
            yield from class_statements(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            for part in (stmt.body, stmt.orelse, stmt.finalbody, *[h.body for h in stmt.handlers]):
                yield from class_statements(part)
        elif isinstance(stmt, ast.With):
            yield from class_statements(stmt.body)
        else:
            yield stmt

def class_facts(node):
    facts = {'name': node.name, 'line': node.lineno, 'bases': [b for b in (dotted(x) for x in node.bases) if b],
             'fields': [], 'methods': [], 'attrs': []}
    for stmt in class_statements(node.body):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            facts['methods'].append(stmt.name)
            continue
        targets, value = [], None
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        for target in targets:
            if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Call)
                    and dotted(target.value.func) == 'locals' and const_str(target.slice) is not None):
                target = ast.Name(id=const_str(target.slice))
            if not isinstance(target, ast.Name):
                continue
            key = target.id
            if key == '_name':
                v = const_str(value)
                facts['_name'] = v if v is not None else '?'
            elif key == '_inherit':
                v = str_list(value)
                facts['_inherit'] = v if v is not None else ['?']
            elif key == '_inherits':
                if isinstance(value, ast.Dict):
                    facts['_inherits'] = {const_str(k): const_str(v) for k, v in zip(value.keys, value.values)
                                          if k is not None and const_str(k) is not None}
            elif key in ('_abstract', '_transient', '_auto', '_register'):
                if isinstance(value, ast.Constant):
                    facts[key] = value.value
            facts['attrs'].append(key)
            if isinstance(value, ast.Call) and not key.startswith('__'):
                f = field_of(value, key, stmt.lineno)
                if f is not None:
                    facts['fields'].append(f)
    return facts

def imports_of(tree):
    out = []
    # Top-level imports only: a nested one (try/except ImportError, inside a function) may be optional.
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.level and stmt.level > 0:
            out.append({'level': stmt.level, 'module': stmt.module, 'names': [a.name for a in stmt.names],
                        'line': stmt.lineno, 'column': stmt.col_offset + 1})
    return out

def facts_of(path, want_manifest, source=None):
    result = {'path': path}
    if source is None:
        try:
            with open(path, 'rb') as handle:
                source = handle.read()
        except OSError as error:
            result['readError'] = str(error)
            return result
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        result['error'] = {'line': error.lineno or 1, 'column': error.offset or 1, 'message': error.msg}
        return result
    except ValueError as error:
        result['error'] = {'line': 1, 'column': 1, 'message': str(error)}
        return result
    if want_manifest:
        try:
            text = source.decode('utf-8')
            result['manifest'] = jsonable(ast.literal_eval(text))
            body = tree.body[0].value if tree.body and isinstance(tree.body[0], ast.Expr) else None
            lines = {}
            if isinstance(body, ast.Dict):
                for k, v in zip(body.keys, body.values):
                    key = const_str(k) if k is not None else None
                    if key is None:
                        continue
                    lines[key] = k.lineno
                    if isinstance(v, (ast.List, ast.Tuple)):
                        lines[key + '[]'] = [e.lineno for e in v.elts]
            result['manifestLines'] = lines
        except Exception as error:  # not a literal
            line = getattr(error, 'lineno', None)
            if line is None:
                for node in ast.walk(tree):
                    if not isinstance(node, (ast.Constant, ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Expr,
                                             ast.Module, ast.UnaryOp, ast.USub, ast.UAdd, ast.Load)):
                        line = getattr(node, 'lineno', None)
                        if line:
                            break
            result['manifestError'] = {'line': line or 1, 'message': str(error).split('\n')[0]}
        return result
    result['imports'] = imports_of(tree)
    # ids given in Python: {'xml_id': 'module.name', ...} passed to ir.model.data._update_xmlids
    if b'xml_id' in source:
        ids = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if k is not None and const_str(k) == 'xml_id' and const_str(v):
                        ids.append(const_str(v))
        if ids:
            result['xmlIds'] = ids
    # env.ref('module.id') with a literal id (tests name records this way); raise_if_not_found=False is tolerant
    if b'.ref(' in source:
        refs = []
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'ref'
                    and dotted(node.func.value) is not None and dotted(node.func.value).split('.')[-1] == 'env'
                    and node.args and const_str(node.args[0]) and '.' in const_str(node.args[0])
                    and not any(k.arg == 'raise_if_not_found' for k in node.keywords)):
                refs.append({'id': const_str(node.args[0]), 'line': node.lineno, 'column': node.col_offset + 1})
        if refs:
            result['refs'] = refs
    classes = {}
    ordered = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            facts = class_facts(node)
            # Python inheritance inside the same file: the base's attributes come along.
            for base in facts['bases']:
                parent = classes.get(base)
                if parent is None:
                    continue
                for key in ('_name', '_inherit', '_inherits', '_abstract', '_transient', '_auto'):
                    if key not in facts and key in parent:
                        facts[key] = parent[key]
                own = {f['name'] for f in facts['fields']}
                facts['fields'] = facts['fields'] + [f for f in parent['fields'] if f['name'] not in own]
                facts['methods'] = facts['methods'] + parent['methods']
                facts['attrs'] = facts['attrs'] + parent['attrs']
            classes[node.name] = facts
            ordered.append(facts)
        # setattr(Class, 'name', fields.X(...)) at module level (how Odoo adds a field named `global`)
        call = node.value if isinstance(node, ast.Expr) else None
        if (isinstance(call, ast.Call) and dotted(call.func) == 'setattr' and len(call.args) == 3
                and isinstance(call.args[0], ast.Name) and call.args[0].id in classes
                and const_str(call.args[1]) is not None):
            target = classes[call.args[0].id]
            target['attrs'].append(const_str(call.args[1]))
            target['fields'].append({'name': const_str(call.args[1]), 'line': node.lineno, 'type': 'Field'})
    # Classes made inside functions (models generated in a loop): their names are often computed.
    top = set(id(node) for node in tree.body)
    nested_classes = re.search(rb'\n[ \t]+class \w', source) is not None
    for node in (ast.walk(tree) if nested_classes else ()):
        if isinstance(node, ast.ClassDef) and id(node) not in top:
            nested = class_facts(node)
            if '_name' in nested or '_inherit' in nested:
                ordered.append(nested)
    result['classes'] = [c for c in ordered if '_name' in c or '_inherit' in c]
    return result

def main():
    request = json.load(sys.stdin)
    write = sys.stdout.write
    items = [(path, None) for path in request.get('files', [])]
    items += [(item['path'], item['content'].encode('utf-8')) for item in request.get('sources', [])]
    for path, source in items:
        want_manifest = path.endswith('__manifest__.py') or path.endswith('__openerp__.py')
        try:
            facts = facts_of(path, want_manifest, source)
        except RecursionError:
            facts = {'path': path, 'error': {'line': 1, 'column': 1, 'message': 'too deeply nested'}}
        write(json.dumps(facts, separators=(',', ':')))
        write('\n')
    sys.stdout.flush()
    sys.stderr.write('FORGE_CPU %.3f\n' % time.process_time())

main()
