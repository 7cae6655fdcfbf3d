import json
from .axe import axe_violations, format_violations
from .test_first_visit import log_in_with_password

def rules(page, sel):
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable"); cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")
    nid = cdp.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": sel})["nodeId"]
    m = cdp.send("CSS.getMatchedStylesForNode", {"nodeId": nid})
    for r in m["matchedCSSRules"]:
        rule = r["rule"]
        props = [(p["name"], p["value"]) for p in rule["style"]["cssProperties"] if p["name"] in ("color","background-color","background") and p.get("value")]
        if props:
            print("  ", rule["selectorList"]["text"][:200], props)

FIX = """
.utrecht-html .ma-skip-link, .utrecht-html .ma-skip-link:focus { background-color: #ffffff; color: #000000; }
.utrecht-html .ma-header .ma-link-button { color: var(--ma-header-color); }
"""

def test_probe(page, live_server):
    from aanbesteden import demo
    demo.build()
    log_in_with_password(page, live_server.url, "ondernemer@buurtkracht.demo", demo.DEMO_PASSWORD)
    print(page.url)
    print(format_violations(axe_violations(page), page.url))
    print(page.evaluate("() => {const s=getComputedStyle(document.querySelector('.ma-link-button')); return [s.color, s.backgroundColor]}"))
    rules(page, ".ma-link-button")
    page.add_style_tag(content=FIX)
    page.keyboard.press("Tab")
    print("after fix:", format_violations(axe_violations(page), page.url))
