import re, subprocess, yaml, pathlib, collections, sys
from assistant import texts
from assistant.web import words
lang = sys.argv[1] if len(sys.argv) > 1 else "nb"
ROOT=pathlib.Path('.')
def coll(v, out):
    if isinstance(v, dict):
        for k,x in v.items():
            if k==lang and isinstance(x,str): out.append(x)
            else: coll(x,out)
    elif isinstance(v,list):
        for x in v: coll(x,out)
out=[]
for p in [ROOT/'questions.yaml',*sorted((ROOT/'rules').glob('*.yaml'))]:
    coll(yaml.safe_load(p.read_text()), out)
if lang == "nb":
    out += [nb for nb,_ in texts.TEXTS.values()] + [nb for nb,_ in words.WORDS.values()]
text="\n".join(out)
text=re.sub(r"\{[^}]*\}"," ",text)
text=re.sub(r"«[^»]*»"," ",text) if lang=="nn" else text
toks=set(re.findall(r"[A-Za-zÆØÅæøåéèóòüö]+", text))
def unknown(ws):
    r=subprocess.run(["hunspell","-i","utf-8","-d",f"{lang}_NO","-l"],input="\n".join(ws),capture_output=True,text=True)
    return set(r.stdout.split())
bad=unknown(sorted(toks))
# compound split
cands={}
for w in bad:
    lw=w.lower()
    splits=[]
    for i in range(3,len(lw)-2):
        a,b=lw[:i],lw[i:]
        splits.append((a,b))
        if a.endswith('s') or a.endswith('e'): splits.append((a[:-1],b))
    cands[w]=splits
parts=sorted({p for s in cands.values() for ab in s for p in ab})
badparts=unknown(parts)
left=sorted(w for w,s in cands.items() if not any(a not in badparts and b not in badparts for a,b in s))
print(len(bad), len(left)); print(left)
