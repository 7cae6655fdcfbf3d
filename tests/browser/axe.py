"""Run axe-core (installed from npm) in a Playwright page and fail on WCAG 2.1 A/AA violations."""

from pathlib import Path

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_TARGETS = 5

_RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => Array.isArray(t) ? t.join(" >>> ") : String(t)).join(" "),
      html: n.html,
      summary: n.failureSummary,
    })),
  }));
}
"""


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not AXE_PATH.exists():
        raise AssertionError(f"axe-core not found at {AXE_PATH}; run `npm ci` (or `make test`).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content Security
        # Policy does not govern; a <script> tag (add_script_tag) would be blocked.
        page.evaluate(AXE_PATH.read_text())
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def format_violations(violations, url=""):
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:MAX_TARGETS]:
            lines.append(f"    target: {node['target']}")
            lines.append(f"      html: {node['html'][:200]}")
        if len(v["nodes"]) > MAX_TARGETS:
            lines.append(f"    ... and {len(v['nodes']) - MAX_TARGETS} more element(s)")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, format_violations(violations, page.url)
