"""The glossary (docs/glossary.md, docs/glossary.zh.md): one table, shown in both languages.

The d2l-zh column maps the terms of 《动手学深度学习》 (zh.d2l.ai); the Chinese pages use
neither its terms, where they differ, nor the renderings in the last column (tests/test_glossary.py).

# --8<-- [start:terms]
| English | 中文 | In code / 代码中 | d2l-zh | Avoided / 不采用的译法 |
|---|---|---|---|---|
| hidden state | 隐藏状态 | `h_t`, `output`, `h_n` | 隐状态 | 隐层状态, 隐含状态 |
| final hidden state | 最终隐藏状态 | `h_n` | — | — |
| cell state | 细胞状态 | `c_t`, `c_n` | 记忆元 | 单元状态, 记忆单元, 神经元状态 |
| initial state, learned initial state | 初始状态, 可学习的初始状态 | `h_0`, `c_0`, `nn.Parameter` | — | — |
| time step | 时间步 | `t`, `L` | — | — |
| truncated backpropagation through time (truncated BPTT) | 截断的随时间反向传播 | `detach()` | — | — |
| sequence length | 序列长度 | `L`, `seq_len` | — | — |
| time dimension, batch dimension | 时间维度, 批维度 | `dim=0`, `dim=1` | — | 时间维 |
| batch, batch size | 批次, 批大小 | `N`, `batch_size` | — | — |
| input size (features per step) | 输入特征维度 | `input_size`, `H_in` | — | 输入长度 |
| hidden size | 隐藏状态维度 | `hidden_size`, `H` | — | 隐藏状态大小 |
| layer, multi-layer (stacked) | 层, 多层（堆叠） | `num_layers` | — | — |
| bidirectional | 双向 | `bidirectional=True`, `D = 2` | — | — |
| forward / backward direction | 正向 / 反向 | `h_n[-2]`, `h_n[-1]`, `_reverse` | — | — |
| gate | 门 | `i`, `f`, `g`, `o` | — | — |
| input / forget / output gate | 输入门 / 遗忘门 / 输出门 | `i`, `f`, `o` | — | 忘记门 |
| cell candidate | 候选细胞状态 | `g` | 候选记忆元 | — |
| weight, bias | 权重, 偏置 | `weight_ih_l0`, `bias_hh_l0` | — | — |
| orthogonal initialization | 正交初始化 | `nn.init.orthogonal_` | — | — |
| state dict | 状态字典 | `state_dict()` | — | — |
| projection | 投影 | `proj_size`, `weight_hr_l0` | — | — |
| padding | 填充 | `pad_sequence`, `padding_value` | — | — |
| token | 词元 | `tokens`, `nn.Embedding`, `BOS`, `EOS`, `PAD` | 词元 | 令牌 |
| variable-length sequence | 变长序列 | `lengths` | — | — |
| packed sequence, pack / unpack | 打包序列, 打包 / 解包 | `PackedSequence`, `pack_padded_sequence`, `pad_packed_sequence` | — | 压缩序列 |
| contiguous (memory) | 连续（内存） | `is_contiguous()` | — | — |
| unbatched input | 不带批维度的输入 | `(L, H_in)` | — | — |
| sequence classification | 序列分类 | `h_n[-1]` | — | — |
| sequence labeling (tagging) | 序列标注 | `output` | — | — |
| pooling, masked mean | 池化, 掩码平均 | `masked_mean` | — | — |
| encoder-decoder (seq2seq) | 编码器-解码器 | `Seq2Seq`, `bridge_state` | 编码器-解码器 | — |
| teacher forcing | 教师强制 | `tgt_in` | 强制教学 | — |
| greedy decoding | 贪心解码 | `greedy_decode` | 贪心搜索 | — |
| attention, attention weights | 注意力, 注意力权重 | `AttentionPooling` | 注意力 | — |
| mask, masked softmax | 掩码, 掩码 softmax | `masked_softmax` | 掩蔽 softmax | 屏蔽 |
| stride | 步长 | `stride()` | — | — |
| named tuple | 具名元组 | `PackedSequence` | — | — |
| new gate (GRU) | 新门 | `n` | — | — |
| forward hook | 前向钩子 | `register_forward_hook` | — | — |
| epoch | 轮次 | `epochs` | 迭代周期 | — |
| weight dropping | 权重丢弃 | — | — | — |
| guard (compiled code) | 守卫 | — | — | — |
| property-based testing | 基于属性的测试 | `hypothesis` | — | — |
# --8<-- [end:terms]

Names that stay in English on the Chinese pages, written as they are, as Chinese technical
writing does; any other English in Chinese prose is code, or a term of the table above in
parentheses after its Chinese term (tests/test_untranslated_english.py).

# --8<-- [start:names]
| Kept in English / 保留英文 | What they are / 是什么 |
|---|---|
| PyTorch, torch, LSTM, GRU, RNN, LSTMCell, BiLSTM, BiGRU, AWD-LSTM, seq2seq, Adam | the library, its models and optimizers / 库、模型与优化器的名称 |
| CPU, GPU, CUDA, cuDNN, oneDNN, TF32, AMP | hardware, compute libraries, number formats / 硬件、计算库与数值格式 |
| Python, NumPy, scikit-learn, Keras, ONNX, ONNX Runtime, TorchScript, Dynamo, autograd, pytest, JavaScript, GitHub, API | software and its parts / 软件及其组件 |
| MNIST | a data set / 数据集 |
| dropout, softmax, sigmoid, tanh, logits, eager | functions and terms Chinese texts write in English / 中文资料通常直接写英文的函数名与术语 |
# --8<-- [end:names]
"""

# What the Chinese pages show in English by design, not as untranslated prose: a page (or "*"
# for every page), a CSS selector on its built HTML, and why. tests/test_untranslated_english.py
# skips these; the names above (section `names`) are the only other English it lets through.
ENGLISH_BY_DESIGN: list[tuple[str, str, str]] = [
    ("*", ".doc-contents", "API reference (helpers, recipes-api): docstrings from the code"),
    ("*", ".jp-CodeCell .jp-InputArea", "a notebook's code, with Jupyter's own copy button"),
    ("*", ".jp-InputPrompt, .jp-OutputPrompt", "Jupyter's cell prompts (In [1]:)"),
    ("glossary", "article", "the glossary pairs each English term with its Chinese one"),
]
