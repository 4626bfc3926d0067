# Helper of scripts/gen-libxl-idl.mjs: loads releases' idl.py and
# libxl_types.idl (Xen's own type description language, which is Python) and
# prints their types as JSON on stdout, one array entry per pair. Python 3 only; idl.py of Xen 4.5-4.12 is
# Python 2, so its few Python 2 statements are rewritten before it is loaded,
# and the IDL is executed the way idl.py's parse() does it (parse() itself is
# not used: it is the part that differs between the releases).
#
#   python3 scripts/libxl-idl-dump.py IDL_PY LIBXL_TYPES_IDL [IDL_PY LIBXL_TYPES_IDL ...]
import json
import re
import sys
import types


def load_idl_module(path):
    src = open(path).read()
    # parse() is reimplemented below; everything from it on is left out.
    src = src.split('\ndef parse(', 1)[0]
    # Python 2: raise E, "message"
    src = re.sub(r'raise (\w+), *("[^"\n]*")', r'raise \1(\2)', src)
    mod = types.ModuleType('idl')
    exec(compile(src, path, 'exec'), mod.__dict__)
    sys.modules['idl'] = mod
    return mod


def parse(idl, path):
    globs = {}
    locs = idl.OrderedDict()
    for n, t in list(idl.__dict__.items()):
        if isinstance(t, idl.Type):
            globs[n] = t
        elif isinstance(t, type) and issubclass(t, idl.Type):
            globs[n] = t
        elif n in ['PASS_BY_REFERENCE', 'PASS_BY_VALUE', 'DIR_NONE', 'DIR_IN', 'DIR_OUT', 'DIR_BOTH', 'namespace', 'hidden']:
            globs[n] = t
    exec(compile(open(path).read(), path, 'exec'), globs, locs)
    return idl, globs, locs


def dump(idl_py, types_idl):
    idl = load_idl_module(idl_py)
    idl, globs, locs = parse(idl, types_idl)
    # Builtins are named by the variable that holds them (integer, uint32,
    # MemKB, libxl_defbool, ...): several share a C type name.
    names = {}
    for n, t in list(idl.__dict__.items()) + list(locs.items()):
        if isinstance(t, idl.Builtin) and id(t) not in names:
            names[id(t)] = n

    def builtin(t):
        return {
            'name': names[id(t)],
            'ctype': t.typename,
            'number': isinstance(t, idl.Number),
            'signed': bool(getattr(t, 'signed', False)),
            'width': getattr(t, 'width', None),
            'init_val': t.init_val,
            'check_default_fn': t.check_default_fn,
            'json_gen_fn': t.json_gen_fn,
            'jsonc_json_gen_fn': getattr(t, 'jsonc_json_gen_fn', None),
            'private': bool(t.private),
        }

    def ref(t):
        if t is None:
            return None
        if isinstance(t, idl.Builtin):
            return {'builtin': names[id(t)]}
        if isinstance(t, idl.Array):
            return {'array': ref(t.elem_type), 'lenvar': t.lenvar.name}
        if isinstance(t, idl.KeyedUnion):
            kv = t.keyvar
            return {
                'keyed_union': {
                    'keyvar': {'name': kv.name, 'type': ref(kv.type), 'init_val': kv.init_val},
                    'members': [{'name': f.name, 'enumname': f.enumname, 'type': ref(f.type)} for f in t.fields],
                }
            }
        if t.typename is not None:
            return {'ref': t.typename}
        if isinstance(t, idl.Struct):
            return {'struct': fields(t)}
        raise Exception('unsupported anonymous type %r' % t)

    def fields(t):
        return [
            {
                'name': f.name,
                'const': bool(f.const),
                'init_val': f.init_val,
                'private': bool(f.type is not None and f.type.private),
                'type': ref(f.type),
            }
            for f in t.fields
        ]

    out_types = []
    for t in locs.ordered_values():
        if not isinstance(t, idl.Type) or isinstance(t, idl.Builtin):
            continue
        d = {
            'typename': t.typename,
            'init_val': t.init_val,
            'check_default_fn': t.check_default_fn,
            'json_gen_fn': t.json_gen_fn,
            'private': bool(t.private),
        }
        if isinstance(t, idl.Enumeration):
            d['kind'] = 'enum'
            d['values'] = [{'num': v.value, 'name': v.valuename.lower(), 'cname': v.name} for v in t.values]
        elif isinstance(t, idl.Struct):
            d['kind'] = 'struct'
            d['fields'] = fields(t)
        elif isinstance(t, idl.Aggregate):
            d['kind'] = 'union'
            d['fields'] = fields(t)
        else:
            raise Exception('unsupported type %r' % t)
        out_types.append(d)

    builtins = []
    seen = set()
    for n, t in list(idl.__dict__.items()) + list(locs.items()):
        if isinstance(t, idl.Builtin) and id(t) not in seen:
            seen.add(id(t))
            builtins.append(builtin(t))
    return {'builtins': builtins, 'types': out_types}


args = sys.argv[1:]
json.dump([dump(args[i], args[i + 1]) for i in range(0, len(args), 2)], sys.stdout)
