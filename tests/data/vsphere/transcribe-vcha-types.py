#!/usr/bin/env python3
# How vcha-types.json was made: the VCHA structures and enumerations of the vSphere Automation
# SDK's generated Python bindings (vmware/vsphere-automation-sdk-python, tag v6.8.7, commit
# 83fc3fffc7c4855d46d9d77a27353c718f43364a, lib/vapi-client-bindings/
# vapi_client_bindings-3.0.0-py2.py3-none-any.whl -> com/vmware/vcenter/vcha_client.py and
# com/vmware/vapi/std_client.py), read from their _set_binding_type(type.StructType(...)) and
# _set_values([...]) blocks, with the resource type of each identifier from the docstrings
# ("must be an identifier for the resource type: ``X``"). Run it on an unpacked wheel:
#   python3 transcribe-vcha-types.py DIR > vcha-types.json
import json, re, sys

root = sys.argv[1]
src = open(root + '/com/vmware/vcenter/vcha_client.py').read()
std = open(root + '/com/vmware/vapi/std_client.py').read()

def fields(block):
    out = {}
    for m in re.finditer(r"'([a-z0-9_]+)': (type\..*?),\n", block + ',\n'):
        name, t = m.group(1), m.group(2)
        optional = t.startswith('type.OptionalType(')
        inner = t[len('type.OptionalType('):-1] if optional else t
        d = {'optional': optional}
        if inner.startswith('type.ListType('):
            d['list'] = True
            inner = inner[len('type.ListType('):-1]
        ref = re.match(r"type\.ReferenceType\('?([A-Za-z_.]+)'?, '([A-Za-z0-9.]+)'\)", inner)
        if ref:
            d['type'] = ref.group(2).split('.')[-1] if ref.group(1) in ('__name__',) else ref.group(1) + '.' + ref.group(2)
        elif inner.startswith('type.IdType('):
            d['type'] = 'id'
            rt = re.search(r"resource_types='([^']+)'", inner)
            if rt:
                d['resourceType'] = rt.group(1).split(':')[0]
        else:
            d['type'] = re.match(r'type\.([A-Za-z]+)Type', inner).group(1).lower()
        out[name] = d
    return out

def docs_resource_types(cls_name, text):
    # The class's docstring: ":param NAME: ... resource type: ``X``".
    m = re.search(r'class %s\(Vapi(?:Struct|Interface)\):(.*?)(?=\n    def |\nclass )' % cls_name, text, re.S)
    body = m.group(1) if m else ''
    init = re.search(r'class %s\(VapiStruct\):.*?def __init__\(self,(.*?)"""(.*?)"""' % cls_name, text, re.S)
    docs = init.group(2) if init else ''
    out = {}
    for pm in re.finditer(r':param ([a-z0-9_]+):(.*?)(?=:type |\Z)', docs, re.S):
        rt = re.search(r'identifier for the resource type:\s*``([A-Za-z]+)', pm.group(2))
        if rt:
            out[pm.group(1)] = rt.group(1)
    return out

structs = {}
for m in re.finditer(r"\n\s*([A-Za-z0-9]+)\._set_binding_type\(type\.StructType\(\n\s*'([a-z0-9._]+)', \{\n(.*?)\n\s*\},", src, re.S):
    cls, wire, block = m.group(1), m.group(2), m.group(3)
    f = fields(block)
    for name, rt in docs_resource_types(cls, src).items():
        if name in f and f[name].get('type') == 'id' and 'resourceType' not in f[name]:
            f[name]['resourceType'] = rt
    structs[wire] = {'class': cls, 'fields': f}
enums = {}
for m in re.finditer(r"\n\s*([A-Za-z0-9]+)\._set_values\(\[\n(.*?)\]\)\n\s*\1\._set_binding_type\(type\.EnumType\(\n\s*'([a-z0-9._]+)'", src, re.S):
    enums[m.group(3)] = re.findall(r"\('([A-Z0-9_]+)'\)", m.group(2))
lm = re.search(r"LocalizableMessage\._set_binding_type\(type\.StructType\(\n\s*'([a-z._]+)', \{\n(.*?)\n\s*\},", std, re.S)
structs[lm.group(1)] = {'class': 'LocalizableMessage', 'fields': fields(lm.group(2))}
json.dump({'_sources': {'sdk': {'repository': 'vmware/vsphere-automation-sdk-python', 'tag': 'v6.8.7',
                                'commit': '83fc3fffc7c4855d46d9d77a27353c718f43364a',
                                'files': ['lib/vapi-client-bindings/vapi_client_bindings-3.0.0-py2.py3-none-any.whl:com/vmware/vcenter/vcha_client.py',
                                          'lib/vapi-client-bindings/vapi_client_bindings-3.0.0-py2.py3-none-any.whl:com/vmware/vapi/std_client.py'],
                                'note': 'every type says "This class was added in vSphere API 6.7.1"'}},
           'structures': structs, 'enumerations': enums}, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write('\n')
