/*
 * Layout explorer for nn.LSTM, nn.GRU and nn.RNN (docs/explorer.md, docs/explorer.zh.md).
 *
 * The page holds an empty <div data-lstm-explorer>; this script fills it with a form and, for
 * the configuration in the form, the shapes of every tensor, a time x layer x direction grid,
 * the indexing expressions that relate h_n to output, and the parameter names and shapes.
 * The configuration lives in the URL query (?mode=lstm&num_layers=2&...): opening such a URL
 * restores it, and every change of a control rewrites it with history.replaceState.
 *
 * Invalid values are checked with torch's own rules, in the order torch checks them, and
 * reported inline; tests/test_explorer.py compares every shape, claim, parameter and grid cell
 * with real torch, and every rejection with torch's, in Chromium. The grid follows the same
 * rules as the diagrams of the static pages (docs/overrides/diagrams.py).
 *
 * Plain JavaScript, no dependency, nothing fetched. Labels in the page's language (<html lang>).
 */
(function () {
  "use strict";

  var FIELDS = [
    "mode", "num_layers", "bidirectional", "batch_first",
    "batch", "seq_len", "input_size", "hidden_size", "proj_size",
  ];
  // A parameter left out of the URL means what leaving it out of nn.LSTM(...) means; the sizes
  // torch requires get example values.
  var DEFAULTS = {
    mode: "lstm", num_layers: "1", bidirectional: "0", batch_first: "0",
    batch: "3", seq_len: "5", input_size: "4", hidden_size: "6", proj_size: "0",
  };
  var NUMERIC = ["num_layers", "batch", "seq_len", "input_size", "hidden_size", "proj_size"];
  var LIMIT = 2147483647;
  // What a value typed in the URL or a field would be in Python: int, float or str.
  var INT = /^[+-]?[0-9]+$/;
  // Each digit can only be matched one way: no backtracking, linear in the length of the value.
  var FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  var MAX_STEPS = 7;
  var MAX_LAYERS = 4;
  // Up to TABLE_LAYERS layers, the tables and the diagram's description list every layer;
  // beyond, they show the first and last layers (visible(n, SHOWN_LAYERS)) with a note, and the
  // totals still count every layer. Rendering then costs the same for 9 layers as for 2**31 - 1.
  var TABLE_LAYERS = 8;
  var SHOWN_LAYERS = 7;
  // A value quoted in an error message is cut to this many characters.
  var QUOTED = 40;
  var SVG_NS = "http://www.w3.org/2000/svg";

  var STRINGS = {
    en: {
      form: "Configuration",
      fields: {
        mode: "module",
        num_layers: "stacked layers",
        bidirectional: "two directions per layer",
        batch_first: "batch dimension first in input and output",
        batch: "batch size N",
        seq_len: "sequence length L",
        input_size: "features per time step",
        hidden_size: "size of the hidden state",
        proj_size: "LSTM only, 0 = no projection",
      },
      shapes: "Shapes",
      tensor: "tensor",
      shape: "shape",
      layout: "layout",
      layouts: {
        input: "(N, L, input_size)", input_t: "(L, N, input_size)",
        h_0: "(D * num_layers, N, H_out)", c_0: "(D * num_layers, N, hidden_size)",
        output: "(N, L, D * H_out)", output_t: "(L, N, D * H_out)",
      },
      legendNote: "D = {D} directions, H_out = {H}{proj}.",
      projNote: " (proj_size)",
      code: "The same configuration in Python",
      grid: "Which states make up output and h_n",
      gridNote: "Each box is one layer and direction after one time step, for the whole batch: a slice of shape (N, {H}).",
      claims: "Indexing",
      claimText: {
        top: "the top layer's hidden state after the last step.",
        top_forward: "the top layer's forward direction ends at the last step.",
        top_backward: "the top layer's backward direction ends at step 0.",
        pitfall: "that is the backward direction after reading only the last step.",
      },
      equals: "equals",
      differs: "is not",
      rows: "Rows of h_n",
      row: "row",
      layerCol: "layer",
      directionCol: "direction",
      stepCol: "after step",
      inOutput: "in output",
      notInOutput: "not in output",
      cNote: "c_n[k] is the cell state of the same layer and direction as h_n[k]; it is never part of output.",
      params: "Parameters",
      name: "name",
      total: "{n} parameters in total.",
      rowsLeftOut: "Rows {from} to {to} of h_n, layers {first} to {last}, are left out here.",
      paramsLeftOut: "The {count} parameters of layers {first} to {last} are left out here: each of these layers has the same shapes as layer {like}, with its own number in the names.",
      layersLeftOut: "Layers {first} to {last} are left out.",
      largeNote: "With {layers} layers, the tables below show the first and the last layers only; the shapes and the total count every layer.",
      forward: "forward",
      backward: "backward",
      layer: "layer {layer}",
      forwardArrow: "forward →",
      backwardArrow: "backward ←",
      step: "t = {step}",
      legendOutput: "in output",
      legendHidden: "not in output (feeds the next layer)",
      legendFinal: "final state: a row of h_n",
      legendFinalLstm: "final state: a row of h_n and of c_n",
      gridLabel: "Diagram of {module} over {steps} time steps. {parts}",
      gridOutput: "output holds the top layer's hidden state at every step ({expr}).",
      gridOutputBi: "output holds the top layer's forward states in {fwd} and backward states in {bwd}.",
      rowInOutput: "{rows} is layer {layer}{direction} after step {step}, {expr}.",
      rowNotInOutput: "{rows} is layer {layer}{direction} after step {step}, not in output.",
      dirForward: ", forward",
      dirBackward: ", backward",
      summary: "output {output}, h_n {h_n}",
      summaryC: ", c_n {c_n}",
      invalid: "torch rejects this configuration",
      unreadable: "The explorer cannot use this configuration",
      torchSays: "torch: ",
      torchRaises: "torch raises {type}.",
      firstNote: "torch stops at the first problem in this list.",
      errors: {
        mode: "mode must be lstm, gru or rnn (got \u201c{value}\u201d).",
        bool: "{field} must be 0 or 1 (got \u201c{value}\u201d).",
        proj_mode: "proj_size is for nn.LSTM only: nn.GRU and nn.RNN reject the argument, even proj_size=0. Set it to 0 here to leave it out (got \u201c{value}\u201d).",
        not_int: "{field} must be a whole number (got \u201c{value}\u201d).",
        positive: "{field} must be at least 1 (got {value}).",
        proj_negative: "proj_size must be 0 (no projection) or a positive whole number (got {value}).",
        proj_too_big: "proj_size must be smaller than hidden_size, {hidden} (got {value}).",
        negative: "{field} cannot be negative (got {value}).",
        seq_zero: "seq_len must be at least 1: a recurrent layer needs at least one time step (a batch of 0 sequences is fine).",
        too_large: "{field} is too large for this explorer (at most 2147483647; got {value}).",
        overflow: "{field} makes a tensor of shape {shape} too large for torch to even describe: its size in bytes exceeds 2**63 - 1.",
      },
    },
    zh: {
      form: "配置",
      fields: {
        mode: "模块",
        num_layers: "堆叠的层数",
        bidirectional: "每层两个方向",
        batch_first: "输入和 output 的批维度在前",
        batch: "批大小 N",
        seq_len: "序列长度 L",
        input_size: "每个时间步的特征数",
        hidden_size: "隐藏状态的大小",
        proj_size: "仅 LSTM，0 表示不投影",
      },
      shapes: "形状",
      tensor: "张量",
      shape: "形状",
      layout: "布局",
      layouts: {
        input: "(N, L, input_size)", input_t: "(L, N, input_size)",
        h_0: "(D * num_layers, N, H_out)", c_0: "(D * num_layers, N, hidden_size)",
        output: "(N, L, D * H_out)", output_t: "(L, N, D * H_out)",
      },
      legendNote: "D = {D} 个方向，H_out = {H}{proj}。",
      projNote: "（proj_size）",
      code: "同一配置的 Python 代码",
      grid: "哪些状态组成 output 和 h_n",
      gridNote: "每个方框是某一层、某个方向在某个时间步之后的状态，代表整个批次：形状为 (N, {H}) 的一个切片。",
      claims: "索引关系",
      claimText: {
        top: "顶层在最后一个时间步之后的隐藏状态。",
        top_forward: "顶层的正向在最后一个时间步结束。",
        top_backward: "顶层的反向在时间步 0 结束。",
        pitfall: "后者是反向只读了最后一个时间步之后的状态。",
      },
      equals: "等于",
      differs: "不等于",
      rows: "h_n 的各行",
      row: "行",
      layerCol: "层",
      directionCol: "方向",
      stepCol: "时间步",
      inOutput: "在 output 中的位置",
      notInOutput: "不在 output 中",
      cNote: "c_n[k] 是与 h_n[k] 同一层、同一方向的细胞状态；它从不出现在 output 中。",
      params: "参数",
      name: "名称",
      total: "共 {n} 个参数。",
      rowsLeftOut: "这里省略了 h_n 的第 {from} 到 {to} 行，即第 {first} 到 {last} 层。",
      paramsLeftOut: "这里省略了第 {first} 到 {last} 层的 {count} 个参数：这些层的参数形状都和第 {like} 层相同，只是名称中的层号不同。",
      layersLeftOut: "省略了第 {first} 到 {last} 层。",
      largeNote: "共 {layers} 层，下面的表格只列出最前和最后的几层；形状和参数总数都计入了所有层。",
      forward: "正向",
      backward: "反向",
      layer: "第 {layer} 层",
      forwardArrow: "正向 →",
      backwardArrow: "反向 ←",
      step: "t = {step}",
      legendOutput: "属于 output",
      legendHidden: "不在 output 中（只传给下一层）",
      legendFinal: "最终状态：h_n 的一行",
      legendFinalLstm: "最终状态：h_n 和 c_n 的一行",
      gridLabel: "{module} 在 {steps} 个时间步上的示意图。{parts}",
      gridOutput: "output 是顶层在每个时间步的隐藏状态（{expr}）。",
      gridOutputBi: "output 中，{fwd} 是顶层的正向状态，{bwd} 是顶层的反向状态。",
      rowInOutput: "{rows} 是第 {layer} 层{direction}在时间步 {step} 之后的状态，即 {expr}。",
      rowNotInOutput: "{rows} 是第 {layer} 层{direction}在时间步 {step} 之后的状态，不在 output 中。",
      dirForward: "正向",
      dirBackward: "反向",
      summary: "output {output}，h_n {h_n}",
      summaryC: "，c_n {c_n}",
      invalid: "torch 不接受这个配置",
      unreadable: "无法使用这个配置",
      torchSays: "torch 报错：",
      torchRaises: "torch 抛出 {type}。",
      firstNote: "torch 在列表中的第一个问题处就会停下。",
      errors: {
        mode: "mode 只能是 lstm、gru 或 rnn（当前为“{value}”）。",
        bool: "{field} 只能是 0 或 1（当前为“{value}”）。",
        proj_mode: "proj_size 只适用于 nn.LSTM：nn.GRU 和 nn.RNN 不接受这个参数，连 proj_size=0 也不行。在这里设为 0 表示不传这个参数（当前为“{value}”）。",
        not_int: "{field} 必须是整数（当前为“{value}”）。",
        positive: "{field} 至少为 1（当前为 {value}）。",
        proj_negative: "proj_size 必须是 0（不投影）或正整数（当前为 {value}）。",
        proj_too_big: "proj_size 必须小于 hidden_size，即 {hidden}（当前为 {value}）。",
        negative: "{field} 不能为负数（当前为 {value}）。",
        seq_zero: "seq_len 至少为 1：循环层至少需要一个时间步（批大小为 0 倒是可以）。",
        too_large: "{field} 太大，本工具最多支持 2147483647（当前为 {value}）。",
        overflow: "{field} 使形状为 {shape} 的张量过大：它的字节数超过 2**63 - 1，torch 无法表示。",
      },
    },
  };

  // ---------------------------------------------------------------------------------------
  // torch's rules
  // ---------------------------------------------------------------------------------------

  function quoted(value) {
    var s = String(value);
    return s.length > QUOTED ? s.slice(0, QUOTED) + "\u2026" : s;
  }

  function pyValue(raw) {
    var s = String(raw).trim();
    if (INT.test(s)) return { kind: "int", value: Number(s) };
    if (FLOAT.test(s)) return { kind: "float", value: Number(s) };
    return { kind: "str" };
  }

  /* The configuration, or the reasons torch (or the URL syntax) rejects it, in torch's order:
   * nn.GRU/nn.RNN refuse proj_size; RNNBase.__init__ checks input_size, hidden_size,
   * num_layers, proj_size; its parameter loop needs an integer num_layers and proj_size; then
   * torch.randn builds the input and the forward pass needs a time step. */
  function validate(raw) {
    var errors = [];
    function fail(field, key, extra) {
      var error = { field: field, key: key, value: raw[field] };
      for (var name in extra || {}) error[name] = extra[name];
      errors.push(error);
    }
    var mode = String(raw.mode).trim().toLowerCase();
    if (["lstm", "gru", "rnn"].indexOf(mode) < 0) fail("mode", "mode");
    var flags = {};
    ["bidirectional", "batch_first"].forEach(function (name) {
      var v = String(raw[name]).trim().toLowerCase();
      if (v === "1" || v === "true") flags[name] = true;
      else if (v === "0" || v === "false") flags[name] = false;
      else fail(name, "bool");
    });
    if (errors.length) return { errors: errors };

    var v = {};
    NUMERIC.forEach(function (name) { v[name] = pyValue(raw[name]); });
    var lstm = mode === "lstm";
    var proj = v.proj_size;
    var projZero = proj.kind !== "str" && proj.value === 0;
    var typeName = function (p) { return p.kind === "float" ? "float" : "str"; };

    if (!lstm && !projZero) {
      fail("proj_size", "proj_mode", { type: "ValueError",
        torch: "proj_size argument is only supported for LSTM, not RNN or GRU" });
    }
    ["input_size", "hidden_size"].forEach(function (name) {
      var p = v[name];
      if (p.kind !== "int") {
        fail(name, "not_int", { type: "TypeError",
          torch: name + " should be of type int, got: " + typeName(p) });
      } else if (p.value <= 0) {
        fail(name, "positive", { type: "ValueError", torch: name + " must be greater than zero" });
      }
    });
    var layers = v.num_layers;
    if (layers.kind === "str") {
      fail("num_layers", "not_int", { type: "TypeError",
        torch: "'<=' not supported between instances of 'str' and 'int'" });
    } else if (layers.value <= 0) {
      fail("num_layers", layers.kind === "int" ? "positive" : "not_int",
        { type: "ValueError", torch: "num_layers must be greater than zero" });
    }
    var hidden = v.hidden_size.kind === "int" && v.hidden_size.value > 0 ? v.hidden_size.value : null;
    if (lstm) {
      if (proj.kind === "str") {
        fail("proj_size", "not_int", { type: "TypeError",
          torch: "'<' not supported between instances of 'str' and 'int'" });
      } else if (proj.value < 0) {
        fail("proj_size", proj.kind === "int" ? "proj_negative" : "not_int", { type: "ValueError",
          torch: "proj_size should be a positive integer or zero to disable projections" });
      } else if (hidden !== null && proj.value >= hidden) {
        fail("proj_size", proj.kind === "int" ? "proj_too_big" : "not_int",
          { type: "ValueError", torch: "proj_size has to be smaller than hidden_size", hidden: hidden });
      }
    }
    if (layers.kind === "float" && layers.value > 0) {
      fail("num_layers", "not_int", { type: "TypeError",
        torch: "'float' object cannot be interpreted as an integer" });
    }
    if (lstm && proj.kind === "float" && proj.value > 0 && hidden !== null && proj.value < hidden) {
      fail("proj_size", "not_int", { type: "TypeError" });
    }

    // torch.randn(shape) of the input: every size an int first, then none negative.
    var first = flags.batch_first ? ["batch", "seq_len"] : ["seq_len", "batch"];
    first.forEach(function (name) {
      if (v[name].kind !== "int") fail(name, "not_int", { type: "TypeError" });
    });
    var dims = first.concat(["input_size"]);
    var allInts = dims.every(function (name) { return v[name].kind === "int"; });
    var negatives = first.filter(function (name) {
      return v[name].kind === "int" && v[name].value < 0;
    });
    if (negatives.length) {
      var shape = dims.map(function (name) { return v[name].value; });
      var firstNegative = shape.filter(function (n) { return n < 0; })[0];
      negatives.forEach(function (name, i) {
        var extra = { type: "RuntimeError" };
        if (allInts && i === 0) {
          extra.torch = "Trying to create tensor with negative dimension " + firstNegative +
            ": [" + shape.join(", ") + "]";
        }
        fail(name, "negative", extra);
      });
    }
    if (v.seq_len.kind === "int" && v.seq_len.value === 0) {
      fail("seq_len", "seq_zero", { type: "RuntimeError",
        torch: "Expected sequence length to be larger than 0 in RNN" });
    }
    NUMERIC.forEach(function (name) {
      if (v[name].kind === "int" && Math.abs(v[name].value) > LIMIT) fail(name, "too_large");
    });
    if (errors.length) return { errors: errors };

    var config = {
      mode: mode,
      num_layers: layers.value,
      bidirectional: flags.bidirectional,
      batch_first: flags.batch_first,
      batch: v.batch.value,
      seq_len: v.seq_len.value,
      input_size: v.input_size.value,
      hidden_size: v.hidden_size.value,
      proj_size: lstm ? proj.value : 0,
    };
    var overflow = storageOverflow(config);
    if (overflow) {
      overflow.value = raw[overflow.field];
      return { errors: [overflow] };
    }
    return { errors: [], config: config };
  }

  var INT64_MAX = 9223372036854775807n;

  /* torch refuses a float32 tensor whose size in bytes exceeds 2**63 - 1, before allocating:
   * RuntimeError "Storage size calculation overflowed with sizes=[...]". The parameters are
   * created first, layer by layer (every layer past the first has the same shapes), then the
   * input. Returns the first such error, or null. */
  function storageOverflow(c) {
    var D = directions(c), H = hOut(c), gates = gateRows(c);
    var checks = [];
    visible(Math.min(c.num_layers, 2), 2).forEach(function (layer) {
      for (var d = 0; d < D; d++) {
        checks.push([layer === 0 ? "input_size" : "hidden_size", [gates, layer === 0 ? c.input_size : D * H]]);
        checks.push(["hidden_size", [gates, H]]);
        if (c.proj_size) checks.push(["proj_size", [c.proj_size, c.hidden_size]]);
      }
    });
    checks.push(["input_size", shapes(c).input]);
    for (var i = 0; i < checks.length; i++) {
      var sizes = checks[i][1];
      var bytes = sizes.reduce(function (n, size) { return n * BigInt(size); }, 4n);
      if (bytes > INT64_MAX) {
        return { field: checks[i][0], key: "overflow", type: "RuntimeError", shape: tuple(sizes),
          torch: "Storage size calculation overflowed with sizes=[" + sizes.join(", ") + "]" };
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // The layout: the same rules as docs/overrides/diagrams.py
  // ---------------------------------------------------------------------------------------

  function directions(c) { return c.bidirectional ? 2 : 1; }
  function hOut(c) { return c.proj_size || c.hidden_size; }

  function outputSlice(c, step, direction) {
    if (directions(c) === 1) return c.batch_first ? "output[:, " + step + "]" : "output[" + step + "]";
    var h = hOut(c);
    var features = direction === 0 ? ":" + h : h + ":";
    return c.batch_first ? "output[:, " + step + ", " + features + "]"
      : "output[" + step + ", :, " + features + "]";
  }

  function finalStep(c, direction) { return direction === 0 ? c.seq_len - 1 : 0; }
  function hnRow(c, layer, direction) { return layer * directions(c) + direction; }

  function cell(c, layer, direction, step) {
    var top = layer === c.num_layers - 1;
    return {
      layer: layer,
      direction: direction,
      step: step,
      output: top ? outputSlice(c, step, direction) : null,
      h_n: step === finalStep(c, direction) ? hnRow(c, layer, direction) : null,
    };
  }

  function visible(n, limit) {
    var out = [];
    var i;
    if (n <= limit) {
      for (i = 0; i < n; i++) out.push(i);
      return out;
    }
    var head = Math.floor((limit - 1) / 2);
    var tail = limit - 1 - head;
    for (i = 0; i < head; i++) out.push(i);
    out.push(null);
    for (i = n - tail; i < n; i++) out.push(i);
    return out;
  }

  function shapes(c) {
    var D = directions(c), H = hOut(c), N = c.batch, L = c.seq_len;
    var result = {
      input: c.batch_first ? [N, L, c.input_size] : [L, N, c.input_size],
      h_0: [D * c.num_layers, N, H],
      output: c.batch_first ? [N, L, D * H] : [L, N, D * H],
      h_n: [D * c.num_layers, N, H],
    };
    if (c.mode === "lstm") {
      result.c_0 = [D * c.num_layers, N, c.hidden_size];
      result.c_n = [D * c.num_layers, N, c.hidden_size];
    }
    return result;
  }

  // The layers the tables list: all of them, or the first and last ones with null between.
  function tableLayers(c) {
    return c.num_layers <= TABLE_LAYERS ? visible(c.num_layers, c.num_layers)
      : visible(c.num_layers, SHOWN_LAYERS);
  }

  // The layers the null of tableLayers stands for: [first, last].
  function leftOut(c) {
    var shown = tableLayers(c);
    var i = shown.indexOf(null);
    return i < 0 ? null : [shown[i - 1] + 1, shown[i + 1] - 1];
  }

  function gateRows(c) { return { lstm: 4, gru: 3, rnn: 1 }[c.mode] * c.hidden_size; }

  /* The number of parameters, exactly, as a decimal string: with 2**31 - 1 layers it is far
   * beyond 2**53, so it is computed with BigInt. Per layer and direction: weight_ih, weight_hh,
   * bias_ih, bias_hh and, with a projection, weight_hr. */
  function parameterCount(c) {
    var D = BigInt(directions(c)), H = BigInt(hOut(c)), gates = BigInt(gateRows(c));
    var proj = BigInt(c.proj_size) * BigInt(c.hidden_size);
    var layer = function (inputs) { return gates * inputs + gates * H + 2n * gates + proj; };
    var total = layer(BigInt(c.input_size)) + BigInt(c.num_layers - 1) * layer(D * H);
    return (D * total).toString();
  }

  function parameters(c, layers) {
    var D = directions(c), H = hOut(c);
    var gates = gateRows(c);
    var out = [];
    (layers || visible(c.num_layers, c.num_layers)).forEach(function (layer) {
      if (layer === null) { out.push(null); return; }
      for (var d = 0; d < D; d++) {
        var suffix = "_l" + layer + (d ? "_reverse" : "");
        var inputs = layer === 0 ? c.input_size : D * H;
        out.push(["weight_ih" + suffix, [gates, inputs]]);
        out.push(["weight_hh" + suffix, [gates, H]]);
        out.push(["bias_ih" + suffix, [gates]]);
        out.push(["bias_hh" + suffix, [gates]]);
        if (c.proj_size) out.push(["weight_hr" + suffix, [c.proj_size, c.hidden_size]]);
      }
    });
    return out;
  }

  function claims(c) {
    var out = [];
    if (directions(c) === 1) {
      out.push({ relation: "equal", lhs: "h_n[-1]", rhs: outputSlice(c, -1, 0), what: "top" });
      return out;
    }
    out.push({ relation: "equal", lhs: "h_n[-2]", rhs: outputSlice(c, -1, 0), what: "top_forward" });
    out.push({ relation: "equal", lhs: "h_n[-1]", rhs: outputSlice(c, 0, 1), what: "top_backward" });
    if (c.seq_len > 1 && c.batch > 0) {
      out.push({ relation: "differs", lhs: "h_n[-1]", rhs: outputSlice(c, -1, 1), what: "pitfall" });
    }
    return out;
  }

  function tuple(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? ",)" : ")");
  }

  function moduleCall(c, full) {
    var name = { lstm: "nn.LSTM", gru: "nn.GRU", rnn: "nn.RNN" }[c.mode];
    var args = full ? ["input_size=" + c.input_size, "hidden_size=" + c.hidden_size] : ["\u2026"];
    if (c.num_layers !== 1) args.push("num_layers=" + c.num_layers);
    if (c.bidirectional) args.push("bidirectional=True");
    if (c.batch_first) args.push("batch_first=True");
    if (c.proj_size) args.push("proj_size=" + c.proj_size);
    return name + "(" + args.join(", ") + ")";
  }

  function pythonCode(c) {
    var s = shapes(c);
    var result = c.mode === "lstm" ? "output, (h_n, c_n)" : "output, h_n";
    return [
      "import torch",
      "from torch import nn",
      c.mode + " = " + moduleCall(c, true),
      "x = torch.randn(" + s.input.join(", ") + ")",
      result + " = " + c.mode + "(x)",
    ].join("\n");
  }

  // ---------------------------------------------------------------------------------------
  // DOM helpers
  // ---------------------------------------------------------------------------------------

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    for (var name in attrs || {}) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }

  function code(text, attrs) { return el("code", attrs, text); }

  // ---------------------------------------------------------------------------------------
  // The grid as SVG (same layout as docs/overrides/diagrams.py)
  // ---------------------------------------------------------------------------------------

  var FONT = 13, MONO = 12, CELL_W = 78, CELL_H = 42, GAP = 6;

  function textWidth(text, size) {
    var width = 0;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      var wide = (ch >= "\u2e80" && ch <= "\u9fff") || (ch >= "\uff00" && ch <= "\uffef");
      width += wide ? size : 0.62 * size;
    }
    return width;
  }

  function svgText(x, y, content, cls, anchor) {
    return svg("text", { x: x, y: y, "class": cls, "text-anchor": anchor || "middle", fill: "currentColor" }, content);
  }

  function svgBox(x, y, w, h, cls) {
    return svg("rect", { x: x, y: y, width: w, height: h, "class": cls, rx: 4, fill: "none", stroke: "currentColor" });
  }

  function gridDescription(c, s) {
    var parts = [];
    if (c.bidirectional) {
      parts.push(format(s.gridOutputBi, { fwd: outputSlice(c, "t", 0), bwd: outputSlice(c, "t", 1) }));
    } else {
      parts.push(format(s.gridOutput, { expr: outputSlice(c, "t", 0) }));
    }
    var top = c.num_layers - 1;
    var gap = leftOut(c);
    tableLayers(c).forEach(function (layer) {
      if (layer === null) {
        parts.push(format(s.layersLeftOut, { first: gap[0], last: gap[1] }));
        return;
      }
      for (var d = 0; d < directions(c); d++) {
        var x = cell(c, layer, d, finalStep(c, d));
        var rows = "h_n[" + x.h_n + "]" + (c.mode === "lstm" ? ", c_n[" + x.h_n + "]" : "");
        var direction = c.bidirectional ? (d === 0 ? s.dirForward : s.dirBackward) : "";
        parts.push(format(layer === top ? s.rowInOutput : s.rowNotInOutput, {
          rows: rows, layer: layer, direction: direction, step: x.step, expr: x.output,
        }));
      }
    });
    return format(s.gridLabel, { module: moduleCall(c, false), steps: c.seq_len, parts: parts.join(" ") });
  }

  function gridSvg(c, s) {
    var steps = visible(c.seq_len, MAX_STEPS);
    var layers = visible(c.num_layers, MAX_LAYERS).reverse();
    var lstm = c.mode === "lstm";
    var top = c.num_layers - 1;
    var D = directions(c);
    var rows = [];
    layers.forEach(function (layer) {
      if (layer === null) { rows.push({ layer: null }); return; }
      for (var d = 0; d < D; d++) {
        var words = format(s.layer, { layer: layer }) +
          (c.bidirectional ? " \u00b7 " + (d === 0 ? s.forwardArrow : s.backwardArrow) : " \u2192");
        var lines = [words];
        if (layer === top) lines.push(outputSlice(c, "t", d));
        rows.push({ layer: layer, direction: d, lines: lines });
      }
    });
    var labelW = 16;
    rows.forEach(function (row) {
      (row.lines || []).forEach(function (line, i) {
        labelW = Math.max(labelW, 16 + textWidth(line, i === 0 ? FONT : MONO));
      });
    });
    var x0 = labelW, y0 = 28;
    var body = [];
    steps.forEach(function (step, i) {
      var words = step === null ? "\u2026" : format(s.step, { step: step });
      body.push(svgText(x0 + i * (CELL_W + GAP) + CELL_W / 2, 18, words, "lstm-diagram__label"));
    });
    var y = y0;
    rows.forEach(function (row) {
      if (row.layer === null) {
        body.push(svgText(labelW / 2, y + 16, "\u22ee", "lstm-diagram__label"));
        y += 24;
        return;
      }
      row.lines.forEach(function (line, j) {
        var dy = (j - (row.lines.length - 1) / 2) * 15;
        body.push(svgText(8, y + CELL_H / 2 + dy + 4, line, j === 0 ? "lstm-diagram__label" : "lstm-diagram__code", "start"));
      });
      steps.forEach(function (step, i) {
        var x = x0 + i * (CELL_W + GAP);
        if (step === null) {
          body.push(svgText(x + CELL_W / 2, y + CELL_H / 2 + 4, "\u2026", "lstm-diagram__label"));
          return;
        }
        body.push(gridCell(cell(c, row.layer, row.direction, step), x, y, lstm));
      });
      y += CELL_H + GAP;
      if (row.direction === D - 1) y += 8;
    });
    var legend = [["lstm-diagram__box lstm-diagram__box--output", s.legendOutput]];
    if (c.num_layers > 1) legend.push(["lstm-diagram__box", s.legendHidden]);
    legend.push(["lstm-diagram__box lstm-diagram__box--final", lstm ? s.legendFinalLstm : s.legendFinal]);
    var width = x0 + steps.length * (CELL_W + GAP);
    legend.forEach(function (item, i) {
      var top = y + 6 + i * 24;
      body.push(svg("g", { "class": "lstm-diagram__legend" }, svgBox(8, top, 26, 16, item[0]),
        svgText(44, top + 12.5, item[1], "lstm-diagram__label", "start")));
      width = Math.max(width, 60 + textWidth(item[1], FONT));
    });
    var height = y + 6 + legend.length * 24;
    var label = gridDescription(c, s);
    return svg("svg", {
      "class": "lstm-diagram lstm-diagram--grid", role: "img", "aria-label": label,
      viewBox: "0 0 " + width + " " + height, width: width, height: height, "data-kind": "grid",
    }, svg("title", {}, label), body);
  }

  function gridCell(x, left, top, lstm) {
    var classes = ["lstm-diagram__box"];
    if (x.output !== null) classes.push("lstm-diagram__box--output");
    if (x.h_n !== null) classes.push("lstm-diagram__box--final");
    var group = svg("g", {
      "class": "lstm-diagram__cell", "data-layer": x.layer, "data-direction": x.direction,
      "data-step": x.step, "data-output": x.output, "data-h-n": x.h_n,
    }, svgBox(left, top, CELL_W, CELL_H, classes.join(" ")));
    if (x.h_n !== null) {
      var lines = ["h_n[" + x.h_n + "]"].concat(lstm ? ["c_n[" + x.h_n + "]"] : []);
      lines.forEach(function (line, j) {
        var dy = (j - (lines.length - 1) / 2) * 15;
        append(group, svgText(left + CELL_W / 2, top + CELL_H / 2 + dy + 4, line, "lstm-diagram__code"));
      });
    } else {
      append(group, svgText(left + CELL_W / 2, top + CELL_H / 2 + 5, x.direction === 0 ? "\u2192" : "\u2190", "lstm-diagram__arrow"));
    }
    return group;
  }

  // ---------------------------------------------------------------------------------------
  // The explorer
  // ---------------------------------------------------------------------------------------

  function Explorer(root) {
    var lang = (document.documentElement.lang || "en").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
    var s = STRINGS[lang];
    var raw = readQuery();
    var controls = {};
    var idPrefix = "lstm-explorer-";

    function readQuery() {
      var params = new URLSearchParams(window.location.search);
      var values = {};
      FIELDS.forEach(function (name) {
        values[name] = params.has(name) ? params.get(name) : DEFAULTS[name];
      });
      return values;
    }

    function writeQuery() {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { params.set(name, raw[name]); });
      // Only the query changes: a URL built from the path would be read as another origin
      // when the path starts with "//" (//explorer/), and replaceState would refuse it.
      var url = "?" + params.toString() + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }

    function fieldLabel(name) {
      return el("label", { "for": idPrefix + name }, code(name), " ", el("span", {}, s.fields[name]));
    }

    function buildForm() {
      var form = el("form", { "class": "lstm-explorer__form", novalidate: true, "aria-label": s.form });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      FIELDS.forEach(function (name) {
        var control;
        var field;
        if (name === "mode") {
          control = el("select", { id: idPrefix + name, name: name },
            ["lstm", "gru", "rnn"].map(function (m) {
              return el("option", { value: m }, { lstm: "nn.LSTM", gru: "nn.GRU", rnn: "nn.RNN" }[m]);
            }));
          field = el("div", { "class": "lstm-explorer__field" }, fieldLabel(name), control);
        } else if (name === "bidirectional" || name === "batch_first") {
          control = el("input", { type: "checkbox", id: idPrefix + name, name: name });
          field = el("div", { "class": "lstm-explorer__field lstm-explorer__field--check" }, control, fieldLabel(name));
        } else {
          control = el("input", {
            type: "number", id: idPrefix + name, name: name, step: 1, inputmode: "numeric",
            min: name === "batch" || name === "proj_size" ? 0 : 1,
            max: name === "num_layers" ? 4 : null,
          });
          field = el("div", { "class": "lstm-explorer__field" }, fieldLabel(name), control);
        }
        control.addEventListener(control.type === "checkbox" || name === "mode" ? "change" : "input", function () {
          raw[name] = control.type === "checkbox" ? (control.checked ? "1" : "0") : control.value;
          writeQuery();
          render();
        });
        controls[name] = control;
        form.appendChild(field);
      });
      return form;
    }

    function syncControls() {
      FIELDS.forEach(function (name) {
        var control = controls[name];
        if (control.type === "checkbox") {
          var v = String(raw[name]).trim().toLowerCase();
          control.checked = v === "1" || v === "true";
        } else if (name === "mode") {
          control.value = String(raw[name]).trim().toLowerCase();
        } else if (control.value !== raw[name]) {
          control.value = raw[name];
        }
      });
    }

    var summary = el("p", { "class": "lstm-explorer__summary", "aria-live": "polite" });
    var result = el("div", { "class": "lstm-explorer__result" });

    function renderErrors(errors) {
      var fromTorch = errors.some(function (e) { return e.type; });
      var list = el("ol", { "class": "lstm-explorer__errors" });
      errors.forEach(function (error, i) {
        var words = format(s.errors[error.key], {
          field: error.field, value: quoted(error.value), hidden: error.hidden, shape: error.shape,
        });
        var item = el("li", {
          id: idPrefix + "error-" + i, "data-field": error.field,
          "data-torch-type": error.type || null,
          "data-torch-message": error.torch || null,
        }, words);
        if (error.torch) {
          append(item, [" ", s.torchSays, code(error.type + ": " + error.torch)]);
        } else if (error.type) {
          append(item, [" ", format(s.torchRaises, { type: error.type })]);
        }
        list.appendChild(item);
        var control = controls[error.field];
        if (control && !control.hasAttribute("aria-invalid")) {
          control.setAttribute("aria-invalid", "true");
          control.setAttribute("aria-describedby", item.id);
        }
      });
      var title = fromTorch ? s.invalid : s.unreadable;
      var fields = errors.map(function (e) { return e.field; });
      summary.textContent = lang === "zh" ? title + "\uff1a" + fields.join("\u3001")
        : title + ": " + fields.join(", ");
      return el("div", { "class": "admonition failure lstm-explorer__invalid", role: "alert", "data-invalid": true },
        el("p", { "class": "admonition-title" }, title),
        list,
        fromTorch && errors.length > 1 ? el("p", {}, s.firstNote) : null);
    }

    function leftOutRow(columns, words) {
      return el("tr", { "data-left-out": true }, el("td", { colspan: columns }, el("em", {}, words)));
    }

    function renderValid(c) {
      var gap = leftOut(c);
      var shape = shapes(c);
      var D = directions(c), H = hOut(c);
      var names = ["input", "h_0", "c_0", "output", "h_n", "c_n"].filter(function (n) { return n in shape; });
      var layouts = s.layouts;
      var layoutOf = {
        input: c.batch_first ? layouts.input : layouts.input_t,
        h_0: layouts.h_0, h_n: layouts.h_0, c_0: layouts.c_0, c_n: layouts.c_0,
        output: c.batch_first ? layouts.output : layouts.output_t,
      };
      var shapeTable = el("table", { "data-table": "shapes" },
        el("thead", {}, el("tr", {}, el("th", {}, s.tensor), el("th", {}, s.shape), el("th", {}, s.layout))),
        el("tbody", {}, names.map(function (n) {
          return el("tr", {}, el("td", {}, code(n)),
            el("td", {}, code(tuple(shape[n]), { "data-tensor": n })),
            el("td", {}, code(layoutOf[n])));
        })));
      var note = el("p", {}, format(s.legendNote, { D: D, H: H, proj: c.proj_size ? s.projNote : "" }));

      var claimList = el("ul", { "class": "lstm-explorer__claims" }, claims(c).map(function (claim) {
        return el("li", {
          "data-claim": claim.relation, "data-lhs": claim.lhs, "data-rhs": claim.rhs,
        }, code(claim.lhs), " ", claim.relation === "equal" ? s.equals : s.differs, " ",
        code(claim.rhs), lang === "zh" ? "\uff1a" : ": ", s.claimText[claim.what]);
      }));

      var rowTable = el("table", { "data-table": "rows" },
        el("thead", {}, el("tr", {}, [s.row, s.layerCol, s.directionCol, s.stepCol, s.inOutput].map(function (h) {
          return el("th", {}, h);
        }))),
        el("tbody", {}, (function () {
          var out = [];
          tableLayers(c).forEach(function (layer) {
            if (layer === null) {
              out.push(leftOutRow(5, format(s.rowsLeftOut, {
                from: gap[0] * D, to: (gap[1] + 1) * D - 1, first: gap[0], last: gap[1],
              })));
              return;
            }
            for (var d = 0; d < D; d++) {
              var x = cell(c, layer, d, finalStep(c, d));
              out.push(el("tr", {
                "data-h-n-row": x.h_n, "data-layer": layer, "data-direction": d,
                "data-step": x.step, "data-output": x.output,
              }, el("td", {}, code("h_n[" + x.h_n + "]")), el("td", {}, String(layer)),
              el("td", {}, d === 0 ? s.forward : s.backward), el("td", {}, String(x.step)),
              el("td", {}, x.output ? code(x.output) : s.notInOutput)));
            }
          });
          return out;
        })()));

      var params = parameters(c, tableLayers(c));
      var total = parameterCount(c);
      var perLayer = parameters(c, [c.num_layers - 1]).length;
      var paramTable = el("table", { "data-table": "params" },
        el("thead", {}, el("tr", {}, el("th", {}, s.name), el("th", {}, s.shape))),
        el("tbody", {}, params.map(function (p) {
          if (p === null) {
            return leftOutRow(2, format(s.paramsLeftOut, {
              count: (gap[1] - gap[0] + 1) * perLayer, first: gap[0], last: gap[1], like: gap[1] + 1,
            }));
          }
          return el("tr", {}, el("td", {}, code(p[0])), el("td", {}, code(tuple(p[1]), { "data-param": p[0] })));
        })));

      var summaryText = format(s.summary, { output: tuple(shape.output), h_n: tuple(shape.h_n) });
      if (shape.c_n) summaryText += format(s.summaryC, { c_n: tuple(shape.c_n) });
      summary.textContent = summaryText;

      return el("div", { "data-valid": true },
        gap ? el("p", { "data-large": true }, el("em", {}, format(s.largeNote, { layers: c.num_layers }))) : null,
        el("h3", {}, s.shapes), shapeTable, note,
        el("h3", {}, s.code), el("pre", { "class": "lstm-explorer__code" }, code(pythonCode(c), { "data-code": true })),
        el("h3", {}, s.grid),
        el("div", { "class": "lstm-diagram-scroll" }, gridSvg(c, s)),
        el("p", {}, format(s.gridNote, { H: H })),
        el("h3", {}, s.claims), claimList,
        el("h3", {}, s.rows), rowTable,
        c.mode === "lstm" ? el("p", {}, s.cNote) : null,
        el("h3", {}, s.params), paramTable,
        el("p", { "data-param-count": total }, format(s.total, { n: total })));
    }

    function render() {
      FIELDS.forEach(function (name) {
        controls[name].removeAttribute("aria-invalid");
        controls[name].removeAttribute("aria-describedby");
      });
      var checked = validate(raw);
      var content = checked.errors.length ? renderErrors(checked.errors) : renderValid(checked.config);
      result.replaceChildren(content);
      root.setAttribute("data-state", checked.errors.length ? "invalid" : "valid");
    }

    root.replaceChildren(buildForm(), summary, result);
    syncControls();
    render();
  }

  function init() {
    document.querySelectorAll("[data-lstm-explorer]").forEach(function (root) { Explorer(root); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
