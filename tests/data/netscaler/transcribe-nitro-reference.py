import json, re, subprocess, html, sys
REPO='/work/.mirror/subbendumajumder+netscaler-nitro-api/repo'
COMMIT=subprocess.check_output(['git','-C',REPO,'rev-parse','HEAD'],text=True).strip()
PATHS={
 'server':'docs/configuration/basic/server/server.md',
 'service':'docs/configuration/basic/service/service.md',
 'lbvserver':'docs/configuration/load-balancing/lbvserver/lbvserver.md',
 'lbvserver_service_binding':'docs/configuration/load-balancing/lbvserver_service_binding/lbvserver_service_binding.md',
 'lbgroup':'docs/configuration/load-balancing/lbgroup/lbgroup.md',
 'lbgroup_lbvserver_binding':'docs/configuration/load-balancing/lbgroup_lbvserver_binding/lbgroup_lbvserver_binding.md',
 'nsip':'docs/configuration/ns/nsip/nsip.md',
 'nsfeature':'docs/configuration/ns/nsfeature/nsfeature.md',
 'nsconfig':'docs/configuration/ns/nsconfig/nsconfig.md',
}
out={'_sources':{'nitro-api-reference':{'repository':'subbendumajumder/netscaler-nitro-api','commit':COMMIT,
      'note':'copy of Citrix NetScaler 12.0 NITRO API reference (mkdocs), one Markdown page per resource; properties table, then each operation with its URL, HTTP method and request payload (mandatory keys in <b>)'}},
     'resources':{}}
for res,path in PATHS.items():
    md=subprocess.check_output(['git','-C',REPO,'show','HEAD:'+path],text=True).replace('\r','')
    props={}
    for m in re.finditer(r'<tr><td>([A-Za-z0-9_]+)</td><td>&lt;([A-Za-z\[\]]+)></td><td>([A-Za-z-]+)</td><td>(.*?)</td></tr>',md):
        name,typ,perm,desc=m.groups()
        d={'type':typ,'access':perm}
        dd=html.unescape(re.sub(r'<[^>]+>',' ',desc))
        pv=re.search(r'Possible values = ([A-Za-z0-9_, ]+)',dd)
        if pv: d['values']=[v.strip() for v in pv.group(1).split(',') if v.strip()]
        mn=re.search(r'Minimum value = (-?\d+)',dd); mx=re.search(r'Maximum value = (-?\d+)',dd)
        if mn: d['min']=int(mn.group(1))
        if mx: d['max']=int(mx.group(1))
        ml=re.search(r'Minimum length = (\d+)',dd)
        if ml: d['minLength']=int(ml.group(1))
        props[name]=d
    ops={}
    for sec in re.split(r'\n###',md)[1:]:
        title=sec.split('\n',1)[0].strip().rstrip(':')
        meth=re.search(r'HTTP Method:</b>\s*([A-Z]+)',sec)
        url=re.search(r'URL:</b>\s*(\S+)',sec)
        op={}
        if meth: op['method']=meth.group(1)
        if url: op['url']=html.unescape(re.sub(r'<[^>]+>','',url.group(1))).replace('http://<netscaler-ip-address>','').replace('http://<netscaler-ip-address','')
        pay=re.search(r'Request Payload: </b>\s*```(.*?)```',sec,re.S)
        if pay:
            p=pay.group(1)
            keys=[];mand=[];types={}
            inbold=False
            for km in re.finditer(r'(<b>)|(</b>)|"([A-Za-z0-9_]+)":(<([A-Za-z]+)_value>|true|\{)?',p):
                if km.group(1): inbold=True; continue
                if km.group(2): inbold=False; continue
                k=km.group(3)
                if k==res: continue
                keys.append(k)
                if km.group(5): types[k]=km.group(5)
                if inbold: mand.append(k)
            op['payloadKeys']=keys; op['mandatory']=mand; op['payloadTypes']=types
        q=re.findall(r'\?<b>([a-z]+)=',sec)
        if q: op['queryParameters']=sorted(set(q))
        ops[title]=op
    out['resources'][res]={'page':path,'properties':props,'operations':ops}
# login and logout are not resource pages; their payloads are in "Performing Basic NetScaler
# Operations" (username, password; logout {}), and the timeout key is the NetScaler Go SDK's
# login struct (netscaler/adc-nitro-go service/config.go).
out['_sources']['basic-operations']={'repository':'subbendumajumder/netscaler-nitro-api','commit':COMMIT,'path':'docs/performing-basic-netscaler-operations.md'}
out['_sources']['go-sdk-login']={'repository':'netscaler/adc-nitro-go','commit':'2342441538ae94d76fddf20759241f0e5f1f57cc','path':'service/config.go','note':'type login struct {Username, Password, Timeout} with json tags username, password, timeout'}
out['resources']['login']={'page':'docs/performing-basic-netscaler-operations.md','properties':{},
  'operations':{'add':{'method':'POST','url':'/nitro/v1/config/login','payloadKeys':['username','password','timeout'],'mandatory':['username','password'],'payloadTypes':{'username':'String','password':'String','timeout':'Integer'}}}}
out['resources']['logout']={'page':'docs/performing-basic-netscaler-operations.md','properties':{},
  'operations':{'add':{'method':'POST','url':'/nitro/v1/config/logout','payloadKeys':[],'mandatory':[],'payloadTypes':{}}}}
json.dump(out,sys.stdout,indent=1,sort_keys=False)
sys.stdout.write('\n')
