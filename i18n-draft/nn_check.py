"""Check a nynorsk draft: YAML valid, every nb has an nn sibling, placeholders match."""
import re
import sys

import yaml

PH = re.compile(r"\{\w*\}")


def walk(node, path, problems, counts):
    if isinstance(node, dict):
        if "nb" in node and isinstance(node["nb"], str):
            counts[0] += 1
            if "nn" not in node:
                problems.append(f"{path}: nb without nn: {node['nb'][:60]!r}")
            elif not isinstance(node["nn"], str) or not node["nn"].strip():
                problems.append(f"{path}: empty nn")
            else:
                counts[1] += 1
                if sorted(PH.findall(node["nb"])) != sorted(PH.findall(node["nn"])):
                    problems.append(f"{path}: placeholders differ: {PH.findall(node['nb'])} vs {PH.findall(node['nn'])}")
                if node["nn"] == node["nb"] and len(node["nb"].split()) > 2:
                    problems.append(f"{path}: nn identical to nb: {node['nb'][:60]!r}")
        for k, v in node.items():
            walk(v, f"{path}.{k}", problems, counts)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}[{i}]", problems, counts)


for name in sys.argv[1:]:
    problems, counts = [], [0, 0]
    with open(name, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    walk(data, name, problems, counts)
    print(f"{name}: {counts[1]}/{counts[0]} texts have nn; {len(problems)} problems")
    for p in problems[:40]:
        print("  ", p)
