"""The layout explorer (docs/explorer.md, explorer.js) shows what torch does, in Chromium.

- Random configurations, opened from the URL: every displayed shape, indexing claim, parameter,
  h_n row and grid cell is compared with real torch (the module built and run, the claimed
  slices compared with torch.equal, the grid against a layer-by-layer rebuild).
- Invalid configurations: the explorer rejects exactly what torch rejects (construction plus a
  forward pass, inside try/except), names torch's exception and quotes its message.
- Keyboard: real labelled controls, the URL follows every change, a reload restores it.
- Contrast of the explorer and of the generated diagrams in both palettes.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import torch
from torch import nn

from tests.recurrent_oracle import (
    Config,
    check_cell,
    check_output_is_top_layer,
    diagrams,
    layer_states,
    run,
    shape_text,
)

pytestmark = pytest.mark.filterwarnings("ignore:LSTM with projections:UserWarning")

FIELDS = [
    "mode",
    "num_layers",
    "bidirectional",
    "batch_first",
    "batch",
    "seq_len",
    "input_size",
    "hidden_size",
    "proj_size",
]
RANDOM_CONFIGS = 200
CHUNKS = 8
HAN = re.compile(r"[\u4e00-\u9fff]")
# explorer.js is a plain script at the end of the page: by DOMContentLoaded it has rendered.
# Not waiting for `load` (images, the search worker) spares most of each page load.
EXPLORER_READY = "domcontentloaded"

READ = """() => {
  const root = document.querySelector("[data-lstm-explorer]");
  const all = (selector) => Array.from(root.querySelectorAll(selector));
  const number = (v) => (v === undefined ? null : Number(v));
  return {
    state: root.dataset.state,
    url: location.search,
    tensors: all("[data-tensor]").map((e) => [e.dataset.tensor, e.textContent]),
    claims: all("[data-claim]").map((e) => ({
      relation: e.dataset.claim, lhs: e.dataset.lhs, rhs: e.dataset.rhs,
      shown: Array.from(e.querySelectorAll("code")).map((c) => c.textContent),
      text: e.textContent,
    })),
    params: all("[data-param]").map((e) => [e.dataset.param, e.textContent]),
    count: all("[data-param-count]").map((e) => Number(e.dataset.paramCount)),
    code: all("[data-code]").map((e) => e.textContent),
    cells: all("svg.lstm-diagram g.lstm-diagram__cell").map((g) => [
      number(g.dataset.layer), number(g.dataset.direction), number(g.dataset.step),
      g.dataset.output ?? null, number(g.dataset.hN)]),
    rows: all("tr[data-h-n-row]").map((r) => [
      number(r.dataset.layer), number(r.dataset.direction), number(r.dataset.step),
      r.dataset.output ?? null, number(r.dataset.hNRow)]),
    diagrams: all("svg.lstm-diagram").map((s) => s.getAttribute("aria-label")),
    errors: all("[data-invalid] li[data-field]").map((e) => ({
      field: e.dataset.field, type: e.dataset.torchType ?? null,
      message: e.dataset.torchMessage ?? null, text: e.textContent})),
    alert: all("[role=alert]").length,
  };
}"""


def explorer_url(language: str, query: str) -> str:
    return ("" if language == "en" else "zh/") + "explorer/?" + query


def random_config(rng: random.Random) -> Config:
    mode = rng.choice(["lstm", "gru", "rnn"])
    hidden = rng.randint(1, 8)
    proj = rng.randint(1, hidden - 1) if mode == "lstm" and hidden > 1 and rng.random() < 0.4 else 0
    return Config(
        mode=mode,
        # Mostly what the form offers (1-4); now and then more, which only the URL can ask for.
        num_layers=rng.randint(1, 4) if rng.random() < 0.9 else rng.randint(5, 6),
        bidirectional=rng.random() < 0.5,
        batch_first=rng.random() < 0.5,
        batch=rng.randint(1, 4) if rng.random() < 0.9 else 0,
        seq_len=rng.randint(1, 6) if rng.random() < 0.85 else rng.randint(8, 12),
        input_size=rng.randint(1, 6),
        hidden_size=hidden,
        proj_size=proj,
    )


def random_configs() -> list[tuple[int, Config, str]]:
    rng = random.Random(20261123)
    return [(i, random_config(rng), rng.choice(["en", "zh"])) for i in range(RANDOM_CONFIGS)]


def check_configuration(shown: dict, config: Config, seed: int) -> None:
    assert shown["state"] == "valid", shown["errors"]
    result = run(config, seed)

    # Shapes, printed as torch prints a tuple.
    expected = {"input": result.x, "h_0": result.h_0, "output": result.output, "h_n": result.h_n}
    if config.mode == "lstm":
        expected |= {"c_0": result.c_0, "c_n": result.c_n}
    assert dict(shown["tensors"]) == {name: shape_text(t) for name, t in expected.items()}
    assert len(shown["tensors"]) == len(expected)

    # Indexing claims: every top-layer final state, each checked with torch.equal.
    tops = {"h_n[-1]"} if config.directions == 1 else {"h_n[-2]", "h_n[-1]"}
    assert {c["lhs"] for c in shown["claims"] if c["relation"] == "equal"} == tops
    for claim in shown["claims"]:
        assert claim["shown"][:2] == [claim["lhs"], claim["rhs"]]
        lhs = eval(claim["lhs"], {}, result.namespace())
        rhs = eval(claim["rhs"], {}, result.namespace())
        assert torch.equal(lhs, rhs) == (claim["relation"] == "equal"), claim

    # Parameter names, order, shapes and count.
    assert shown["params"] == [[n, shape_text(p)] for n, p in result.module.named_parameters()]
    assert shown["count"] == [sum(p.numel() for p in result.module.parameters())]

    # The Python code shown builds the same module and input.
    namespace: dict[str, object] = {}
    (code,) = shown["code"]
    exec(code, namespace)
    assert repr(namespace[config.mode]) == repr(result.module)
    assert namespace["x"].shape == result.x.shape

    # The grid and the table of h_n rows, against the layer-by-layer rebuild.
    layers = layer_states(result)
    check_output_is_top_layer(result, layers)
    visible = diagrams().visible
    drawn = {(layer, d, t) for layer, d, t, _, _ in shown["cells"]}
    assert len(drawn) == len(shown["cells"])
    assert drawn == {
        (layer, d, t)
        for layer in visible(config.num_layers, 4)
        for d in range(config.directions)
        for t in visible(config.seq_len, 7)
        if layer is not None and t is not None
    }
    for cell in shown["cells"] + shown["rows"]:
        check_cell(result, layers, *cell)
    assert sorted(row[-1] for row in shown["rows"]) == list(
        range(config.num_layers * config.directions)
    )
    assert len(shown["diagrams"]) == 1 and shown["diagrams"][0]


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_random_configurations_match_torch(page, chunk: int) -> None:
    configs = random_configs()[chunk::CHUNKS]
    for seed, config, language in configs:
        page.goto(explorer_url(language, config.query()), wait_until=EXPLORER_READY)
        shown = page.evaluate(READ)
        try:
            check_configuration(shown, config, seed)
        except AssertionError as error:
            raise AssertionError(f"{language} ?{config.query()}: {error}") from error
    assert len(configs) == RANDOM_CONFIGS // CHUNKS


def test_the_random_configurations_cover_the_cases() -> None:
    configs = [config for _, config, _ in random_configs()]
    assert len(configs) == RANDOM_CONFIGS
    assert {c.mode for c in configs} == {"lstm", "gru", "rnn"}
    assert {c.num_layers for c in configs} >= {1, 2, 3, 4, 5}
    assert any(c.proj_size for c in configs) and any(c.batch == 0 for c in configs)
    assert any(c.seq_len > 7 for c in configs) and any(c.seq_len == 1 for c in configs)
    assert {(c.bidirectional, c.batch_first) for c in configs} == set(
        itertools.product([False, True], repeat=2)
    )


# ---------------------------------------------------------------------------------------------
# Invalid configurations
# ---------------------------------------------------------------------------------------------

BASE = {
    "mode": "lstm",
    "num_layers": "2",
    "bidirectional": "1",
    "batch_first": "1",
    "batch": "3",
    "seq_len": "5",
    "input_size": "4",
    "hidden_size": "6",
    "proj_size": "0",
}
ODD_VALUES = ["-1", "0", "1", "2.5", "2.0", "abc", "", "-0", "1e2", "0.0", "-1.5", "+3", "7"]
SIZES = ["num_layers", "batch", "seq_len", "input_size", "hidden_size", "proj_size"]
PY_INT = re.compile(r"[+-]?[0-9]+")
PY_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def python_value(text: str) -> int | float | str:
    """What a value typed in the URL is in Python: an int, a float, or else a str."""
    text = text.strip()
    if PY_INT.fullmatch(text):
        return int(text)
    if PY_FLOAT.fullmatch(text):
        return float(text)
    return text


def torch_verdict(raw: dict[str, str]) -> Exception | None:
    """Build the module and run it on an input of the configured shape, as a reader would.

    For nn.GRU and nn.RNN a proj_size of 0 is left out (they refuse the argument itself).
    """
    value = {name: python_value(raw[name]) for name in SIZES}
    bidirectional, batch_first = raw["bidirectional"] == "1", raw["batch_first"] == "1"
    kwargs = {
        "num_layers": value["num_layers"],
        "bidirectional": bidirectional,
        "batch_first": batch_first,
    }
    proj = value["proj_size"]
    if raw["mode"] == "lstm" or not (isinstance(proj, int | float) and proj == 0):
        kwargs["proj_size"] = proj
    try:
        module = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[raw["mode"]](
            value["input_size"], value["hidden_size"], **kwargs
        )
        n, length, features = value["batch"], value["seq_len"], value["input_size"]
        x = torch.randn((n, length, features) if batch_first else (length, n, features))
        rows = (2 if bidirectional else 1) * module.num_layers
        h_0 = torch.zeros(rows, n, module.proj_size or module.hidden_size)
        if raw["mode"] == "lstm":
            module(x, (h_0, torch.zeros(rows, n, module.hidden_size)))
        else:
            module(x, h_0)
    except Exception as error:  # any refusal counts
        return error
    return None


def invalid_cases() -> list[dict[str, str]]:
    cases = []
    for field, odd in itertools.product(SIZES, ODD_VALUES):
        cases.append(BASE | {field: odd})
    for mode, proj in itertools.product(["gru", "rnn"], ["0", "2", "-1", "abc", "0.0", "6", ""]):
        cases.append(BASE | {"mode": mode, "proj_size": proj})
    for hidden, proj in [("3", "3"), ("3", "5"), ("1", "0"), ("1", "1"), ("4", "3"), ("abc", "2")]:
        cases.append(BASE | {"hidden_size": hidden, "proj_size": proj})
    for first in ["0", "1"]:
        cases.append(BASE | {"batch_first": first, "batch": "-2", "seq_len": "-1"})
        cases.append(BASE | {"batch_first": first, "batch": "-2", "seq_len": "x"})
        cases.append(BASE | {"batch_first": first, "batch": "0", "seq_len": "0"})
    # Several problems at once: the first one listed must be the one torch raises.
    rng = random.Random(7)
    for _ in range(60):
        case = dict(BASE, mode=rng.choice(["lstm", "gru", "rnn"]))
        case["batch_first"] = rng.choice(["0", "1"])
        for field in SIZES:
            if rng.random() < 0.35:
                case[field] = rng.choice(ODD_VALUES)
        cases.append(case)
    return cases


@pytest.mark.parametrize("chunk", range(4))
def test_rejected_exactly_when_torch_rejects(page, chunk: int) -> None:
    cases = invalid_cases()[chunk::4]
    for i, raw in enumerate(cases):
        language = "zh" if i % 2 else "en"
        page.goto(explorer_url(language, urlencode(raw)), wait_until=EXPLORER_READY)
        shown = page.evaluate(READ)
        error = torch_verdict(raw)
        where = f"{language} ?{urlencode(raw)}: torch says {error!r}, explorer {shown['errors']}"
        if error is None:
            assert shown["state"] == "valid", where
            assert shown["tensors"] and not shown["errors"], where
            continue
        assert shown["state"] == "invalid", where
        # Never a blank or a wrong diagram: no shapes, no grid, an alert instead.
        assert not shown["tensors"] and not shown["diagrams"] and shown["alert"] == 1, where
        first = shown["errors"][0]
        assert first["type"] == type(error).__name__, where
        if first["message"] is not None:
            assert first["message"] == str(error), where
        for shown_error in shown["errors"]:
            assert shown_error["field"] in shown_error["text"], where
            assert bool(HAN.search(shown_error["text"])) == (language == "zh"), where


def test_the_invalid_cases_cover_torch_rules() -> None:
    messages = {str(e) for raw in invalid_cases() if (e := torch_verdict(raw)) is not None}
    for rule in [
        "input_size must be greater than zero",
        "hidden_size must be greater than zero",
        "num_layers must be greater than zero",
        "proj_size has to be smaller than hidden_size",
        "proj_size should be a positive integer or zero to disable projections",
        "proj_size argument is only supported for LSTM, not RNN or GRU",
        "Expected sequence length to be larger than 0 in RNN",
        "'float' object cannot be interpreted as an integer",
        "hidden_size should be of type int, got: float",
        "input_size should be of type int, got: str",
    ]:
        assert rule in messages
    assert any(m.startswith("Trying to create tensor with negative dimension") for m in messages)
    accepted = [raw for raw in invalid_cases() if torch_verdict(raw) is None]
    assert any(raw["batch"] in ("0", "-0") for raw in accepted)
    assert any(raw["proj_size"] == "0.0" and raw["mode"] == "lstm" for raw in accepted)


def test_values_only_the_url_can_hold_are_reported(page) -> None:
    for raw in [BASE | {"bidirectional": "2"}, BASE | {"mode": "transformer"}]:
        page.goto(explorer_url("en", urlencode(raw)), wait_until=EXPLORER_READY)
        shown = page.evaluate(READ)
        assert shown["state"] == "invalid" and not shown["tensors"]
        assert shown["errors"][0]["type"] is None


# ---------------------------------------------------------------------------------------------
# Keyboard, labels and the URL
# ---------------------------------------------------------------------------------------------


def shape_of(page, name: str) -> str:
    return page.locator(f"[data-tensor={name}]").text_content()


def query_of(page) -> dict[str, str]:
    # Read from the page: Playwright's page.url learns of replaceState a moment later.
    query = urlsplit(page.evaluate("location.href")).query
    return {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_control_is_labelled_in_the_page_language(page, language: str) -> None:
    page.goto(explorer_url(language, ""))
    labels = page.evaluate(
        """() => Array.from(document.querySelectorAll(".lstm-explorer :is(input, select)"))
            .map((c) => [c.name, c.labels.length, c.labels[0].textContent])"""
    )
    assert [name for name, _, _ in labels] == FIELDS
    for name, count, text in labels:
        assert count == 1 and name in text
        assert bool(HAN.search(text)) == (language == "zh"), text


def test_keyboard_drives_the_explorer_and_the_url_keeps_the_state(page) -> None:
    page.goto(explorer_url("en", ""))
    # Parameters left out of the URL mean nn.LSTM's defaults.
    assert page.locator("[data-code]").text_content().splitlines()[2] == (
        "lstm = nn.LSTM(input_size=4, hidden_size=6)"
    )
    page.focus("#lstm-explorer-mode")
    order = [page.evaluate("document.activeElement.name")]
    for _ in FIELDS[1:]:
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.name"))
    assert order == FIELDS

    page.focus("#lstm-explorer-num_layers")
    page.keyboard.press("ArrowUp")
    assert query_of(page)["num_layers"] == "2" and shape_of(page, "h_n") == "(2, 3, 6)"
    page.focus("#lstm-explorer-bidirectional")
    page.keyboard.press("Space")
    assert query_of(page)["bidirectional"] == "1" and shape_of(page, "h_n") == "(4, 3, 6)"
    assert shape_of(page, "output") == "(5, 3, 12)"
    page.focus("#lstm-explorer-batch_first")
    page.keyboard.press("Space")
    assert shape_of(page, "output") == "(3, 5, 12)"
    assert page.locator("[data-claim][data-lhs='h_n[-1]']").first.get_attribute("data-rhs") == (
        "output[:, 0, 6:]"
    )
    page.focus("#lstm-explorer-mode")
    page.keyboard.press("ArrowDown")
    assert query_of(page)["mode"] == "gru" and page.locator("[data-tensor=c_n]").count() == 0

    page.focus("#lstm-explorer-hidden_size")
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    assert query_of(page)["hidden_size"] == "0"
    assert page.locator("#lstm-explorer-hidden_size").get_attribute("aria-invalid") == "true"
    assert page.locator("[data-tensor]").count() == 0
    alert = page.locator("[role=alert] li").first
    assert alert.get_attribute("data-torch-message") == "hidden_size must be greater than zero"
    # The URL is the state: a reload shows the same thing.
    url = page.evaluate("location.href")
    page.reload()
    assert page.evaluate("location.href") == url and page.locator("[role=alert]").count() == 1
    page.focus("#lstm-explorer-hidden_size")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    assert shape_of(page, "h_n") == "(4, 3, 5)"
    assert query_of(page) == {
        "mode": "gru",
        "num_layers": "2",
        "bidirectional": "1",
        "batch_first": "1",
        "batch": "3",
        "seq_len": "5",
        "input_size": "4",
        "hidden_size": "5",
        "proj_size": "0",
    }


# ---------------------------------------------------------------------------------------------
# Contrast in both palettes
# ---------------------------------------------------------------------------------------------

CONTRAST = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]*)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (fg, bg) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    const chain = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) chain.push(node);
    let bg = [255, 255, 255, 1];
    for (const node of chain.reverse()) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) bg = over(c, bg);
    }
    return bg;
  };
  const found = [];
  const check = (what, fg, bg, minimum) => {
    const r = ratio(over(fg, bg), bg);
    found.push([what, Math.round(r * 100) / 100, minimum]);
  };
  for (const svg of document.querySelectorAll("svg.lstm-diagram")) {
    const page = background(svg.parentElement);
    for (const rect of svg.querySelectorAll("rect")) {
      const stroke = parse(getComputedStyle(rect).stroke);
      check("stroke " + rect.getAttribute("class"), stroke, page, 3);
    }
    for (const text of svg.querySelectorAll("text")) {
      let bg = page;
      const box = text.closest("g") && text.closest("g").querySelector("rect");
      if (box) {
        const fill = parse(getComputedStyle(box).fill);
        if (fill) bg = over(fill, page);
      }
      check("text " + text.textContent, parse(getComputedStyle(text).fill), bg, 4.5);
    }
  }
  const texts = ".lstm-explorer :is(label, label span, input, select, p, td, th, li, code)";
  for (const el of document.querySelectorAll(texts)) {
    const color = parse(getComputedStyle(el).color);
    check(el.tagName + " " + el.textContent.slice(0, 30), color, background(el), 4.5);
  }
  for (const el of document.querySelectorAll(".lstm-explorer :is(input[type=number], select)")) {
    const border = parse(getComputedStyle(el).borderTopColor);
    check("border " + el.name, border, background(el.parentElement), 3);
  }
  return found;
}"""

CONTRAST_PAGES = [
    "explorer/?" + Config("lstm", 2, True, True, 3, 5, 4, 6, 0).query(),
    "explorer/?mode=gru&hidden_size=0",
    "output-vs-hn/",
    "bidirectional/",
    "packed-sequences/",
    "",
    "lstmcell/",
]


@pytest.mark.parametrize("path", CONTRAST_PAGES)
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_contrast_in_both_palettes(page, path: str, language: str, scheme: str) -> None:
    page.goto(("" if language == "en" else "zh/") + path)
    if scheme == "slate":
        page.locator("form[data-md-component=palette] label:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    found = page.evaluate(CONTRAST)
    assert len(found) > 10
    low = [(what, r, minimum) for what, r, minimum in found if r < minimum]
    assert not low, json.dumps(low[:10], ensure_ascii=False)
