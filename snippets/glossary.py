"""The glossary (docs/glossary.md, docs/glossary.zh.md): one table, shown in both languages.

The last column lists misleading renderings the Chinese pages avoid (tests/test_glossary.py).

# --8<-- [start:terms]
| English | 中文 | In code / 代码中 | Avoided / 不采用的译法 |
|---|---|---|---|
| hidden state | 隐藏状态 | `h_t`, `output`, `h_n` | 隐层状态, 隐含状态 |
| final hidden state | 最终隐藏状态 | `h_n` | — |
| cell state | 细胞状态 | `c_t`, `c_n` | 单元状态, 记忆单元, 神经元状态 |
| time step | 时间步 | `t`, `L` | — |
| sequence length | 序列长度 | `L`, `seq_len` | — |
| batch, batch size | 批次, 批大小 | `N`, `batch_size` | — |
| input size (features per step) | 输入特征维度 | `input_size`, `H_in` | 输入长度 |
| hidden size | 隐藏状态维度 | `hidden_size`, `H` | — |
| layer, multi-layer (stacked) | 层, 多层（堆叠） | `num_layers` | — |
| bidirectional | 双向 | `bidirectional=True`, `D = 2` | — |
| forward / backward direction | 正向 / 反向 | `h_n[-2]`, `h_n[-1]`, `_reverse` | — |
| gate | 门 | `i`, `f`, `g`, `o` | — |
| input / forget / output gate | 输入门 / 遗忘门 / 输出门 | `i`, `f`, `o` | 忘记门 |
| cell candidate | 候选细胞状态 | `g` | — |
| weight, bias | 权重, 偏置 | `weight_ih_l0`, `bias_hh_l0` | — |
| projection | 投影 | `proj_size`, `weight_hr_l0` | — |
| padding | 填充 | `pad_sequence`, `padding_value` | — |
| variable-length sequence | 变长序列 | `lengths` | — |
| packed sequence, pack / unpack | 打包序列, 打包 / 解包 | `PackedSequence`, `pack_padded_sequence`, `pad_packed_sequence` | 压缩序列 |
| contiguous (memory) | 连续（内存） | `is_contiguous()` | — |
| unbatched input | 不带批维度的输入 | `(L, H_in)` | — |
| sequence classification | 序列分类 | `h_n[-1]` | — |
| sequence labeling (tagging) | 序列标注 | `output` | — |
| pooling, masked mean | 池化, 掩码平均 | `masked_mean` | — |
| token | 词元 | `BOS`, `EOS`, `PAD` | 令牌 |
| encoder-decoder (seq2seq) | 编码器-解码器 | `Seq2Seq`, `bridge_state` | — |
| teacher forcing | 教师强制 | `tgt_in` | — |
| greedy decoding | 贪心解码 | `greedy_decode` | — |
| attention, attention weights | 注意力, 注意力权重 | `AttentionPooling` | — |
| mask, masked softmax | 掩码, 掩码 softmax | `masked_softmax` | 屏蔽 |
# --8<-- [end:terms]
"""
