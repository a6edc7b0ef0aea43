"""Examples for "Recipe: encoder-decoder (seq2seq)" (docs/recipe-seq2seq.md, .zh.md).

The sections are plain code: the recipe (`bridge_state`, `Seq2Seq`), then its proofs and
pitfalls, which state their claims with `assert`.
"""

# --8<-- [start:recipe]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


def bridge_state(
    state: torch.Tensor, num_layers: int, bidirectional: bool, decoder_layers: int
) -> torch.Tensor:
    """Reshape an encoder's `h_n` (or `c_n`) into a unidirectional decoder's `h_0` (or `c_0`).

    The two directions of each layer are concatenated, so a decoder of `D * H` features takes
    them, and the top `decoder_layers` layers are kept, so a deeper encoder can feed a
    shallower decoder.

    Args:
        state: `h_n` or `c_n` of the encoder, `(D * num_layers, N, H)`.
        num_layers: The encoder's `num_layers`.
        bidirectional: The encoder's `bidirectional`.
        decoder_layers: The decoder's `num_layers`, at most `num_layers`.

    Returns:
        The decoder's initial state, `(decoder_layers, N, D * H)`: row `l` is layer
        `num_layers - decoder_layers + l` of the encoder, forward then backward.

    Raises:
        TypeError: If `state` is not a tensor.
        ValueError: If `state` is not 3-D, its first dimension is not `D * num_layers`, or
            `decoder_layers` is not between 1 and `num_layers`.
    """
    if not isinstance(state, torch.Tensor):
        raise TypeError(f"state must be a tensor (h_n or c_n), got {type(state).__name__}")
    directions = 2 if bidirectional else 1
    if state.dim() != 3 or state.shape[0] != directions * num_layers:
        raise ValueError(
            f"state must be (D * num_layers, N, H) = ({directions * num_layers}, N, H), "
            f"got {tuple(state.shape)}"
        )
    if not 1 <= decoder_layers <= num_layers:
        raise ValueError(f"decoder_layers must be in 1..{num_layers}, got {decoder_layers}")
    _, batch, hidden = state.shape
    per_layer = state.view(num_layers, directions, batch, hidden)[num_layers - decoder_layers :]
    return per_layer.transpose(1, 2).reshape(decoder_layers, batch, directions * hidden)


class Seq2Seq(nn.Module):
    """An LSTM encoder-decoder: the encoder's `(h_n, c_n)` is the decoder's initial state.

    Token ids are batch-first. The encoder reads the padded, packed source; the decoder
    reads the target shifted right (teacher forcing) in `forward`, or its own previous
    prediction in `greedy_decode`.

    Args:
        vocab_size: Number of token ids, special tokens included.
        hidden_size: The encoder's hidden size `H`; the decoder has `D * H`.
        num_layers: The encoder's number of layers.
        bidirectional: Whether the encoder is bidirectional.
        decoder_layers: The decoder's number of layers, at most `num_layers`.
        bos: The id that starts every decoder input.
    """

    def __init__(
        self,
        vocab_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        decoder_layers: int = 1,
        bos: int = 0,
    ) -> None:
        super().__init__()
        if not 1 <= decoder_layers <= num_layers:
            raise ValueError(f"decoder_layers must be in 1..{num_layers}, got {decoder_layers}")
        directions = 2 if bidirectional else 1
        self.num_layers, self.bidirectional = num_layers, bidirectional
        self.decoder_layers, self.bos = decoder_layers, bos
        self.embed = nn.Embedding(vocab_size, hidden_size)
        self.encoder = nn.LSTM(
            hidden_size, hidden_size, num_layers, batch_first=True, bidirectional=bidirectional
        )
        self.decoder = nn.LSTM(
            hidden_size, directions * hidden_size, decoder_layers, batch_first=True
        )
        self.head = nn.Linear(directions * hidden_size, vocab_size)

    def encode(self, src: torch.Tensor, lengths: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The decoder's initial state from a padded source.

        Args:
            src: Source token ids, `(N, S)`, padded after each sequence's end.
            lengths: Valid length of each source, `(N,)`, each in `1..S`.

        Returns:
            `(h_0, c_0)` for the decoder, each `(decoder_layers, N, D * H)`.

        Raises:
            ValueError: If `src` is not 2-D or `lengths` does not match it.
        """
        if src.dim() != 2:
            raise ValueError(f"src must be (N, S) token ids, got shape {tuple(src.shape)}")
        lengths = torch.as_tensor(lengths)
        if lengths.shape != (src.shape[0],) or not (
            (lengths >= 1).all() and (lengths <= src.shape[1]).all()
        ):
            raise ValueError(
                f"lengths must be (N,) = ({src.shape[0]},) with values in 1..{src.shape[1]}, "
                f"got {lengths.tolist()}"
            )
        packed = pack_padded_sequence(
            self.embed(src), lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        _, (h_n, c_n) = self.encoder(packed)
        bridge = (self.num_layers, self.bidirectional, self.decoder_layers)
        return bridge_state(h_n, *bridge), bridge_state(c_n, *bridge)

    def forward(
        self, src: torch.Tensor, lengths: torch.Tensor, tgt_in: torch.Tensor
    ) -> torch.Tensor:
        """Teacher forcing: logits for every target step, given the true previous tokens.

        Args:
            src: Source token ids, `(N, S)`.
            lengths: Valid length of each source, `(N,)`.
            tgt_in: The target shifted right, starting with `bos`, `(N, T)`.

        Returns:
            Logits, `(N, T, vocab_size)`.
        """
        output, _ = self.decoder(self.embed(tgt_in), self.encode(src, lengths))
        return self.head(output)

    @torch.no_grad()
    def greedy_decode(self, src: torch.Tensor, lengths: torch.Tensor, max_len: int) -> torch.Tensor:
        """Inference: feed each step's most likely token back in, one step at a time.

        Args:
            src: Source token ids, `(N, S)`.
            lengths: Valid length of each source, `(N,)`.
            max_len: Number of steps to decode.

        Returns:
            Predicted token ids, `(N, max_len)`.
        """
        state = self.encode(src, lengths)
        token = torch.full((src.shape[0], 1), self.bos, dtype=torch.long, device=src.device)
        predicted = []
        for _ in range(max_len):
            output, state = self.decoder(self.embed(token), state)
            token = self.head(output).argmax(dim=-1)  # (N, 1)
            predicted.append(token)
        return torch.cat(predicted, dim=1)


# --8<-- [end:recipe]

# --8<-- [start:data]
import torch
from torch.nn.utils.rnn import pad_sequence

BOS, EOS, PAD = 10, 11, 12


def make_batch(n: int, generator: torch.Generator) -> tuple[torch.Tensor, ...]:
    sources, targets = [], []
    for _ in range(n):
        length = int(torch.randint(3, 9, (1,), generator=generator))
        digits = torch.randint(0, 10, (length,), generator=generator)
        sources.append(digits)
        targets.append(torch.cat([digits.unique(), torch.tensor([EOS])]))
    lengths = torch.tensor([len(s) for s in sources])
    src = pad_sequence(sources, batch_first=True, padding_value=PAD)
    tgt = pad_sequence(targets, batch_first=True, padding_value=PAD)
    tgt_in = torch.cat([torch.full((n, 1), BOS), tgt[:, :-1]], dim=1)
    return src, lengths, tgt_in, tgt


generator = torch.Generator().manual_seed(0)
src, lengths, tgt_in, tgt = make_batch(4, generator)
assert src.shape[1] == lengths.max() and tgt.shape[1] <= src.shape[1] + 1
assert (tgt == EOS).sum(dim=1).eq(1).all()
# --8<-- [end:data]

# --8<-- [start:train]
threads = torch.get_num_threads()
torch.set_num_threads(1)
torch.manual_seed(0)
model = Seq2Seq(
    vocab_size=13, hidden_size=32, num_layers=2, bidirectional=True, decoder_layers=1, bos=BOS
)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss(ignore_index=PAD)
for _ in range(120):
    src, lengths, tgt_in, tgt = make_batch(64, generator)
    logits = model(src, lengths, tgt_in)  # (N, T, vocab)
    loss = loss_fn(logits.flatten(0, 1), tgt.flatten())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
assert model.decoder.hidden_size == 2 * model.encoder.hidden_size
# --8<-- [end:train]

# --8<-- [start:evaluate]
model.eval()
src, lengths, _, tgt = make_batch(500, generator)
predicted = model.greedy_decode(src, lengths, max_len=tgt.shape[1])
valid = tgt != PAD
token_accuracy = (predicted == tgt)[valid].float().mean().item()
sequence_accuracy = ((predicted == tgt) | ~valid).all(dim=1).float().mean().item()
print(f"token accuracy {token_accuracy:.2f}, whole sequences {sequence_accuracy:.2f}")
assert token_accuracy > 0.9 and sequence_accuracy > 0.8
target_lengths = valid.sum(dim=1)
assert (target_lengths < lengths).any() and (target_lengths > lengths).any()
torch.set_num_threads(threads)
# --8<-- [end:evaluate]

# --8<-- [start:pitfall-eos]
after_eos = (predicted == EOS).cumsum(dim=1) - (predicted == EOS).long() > 0
assert after_eos.any() and (predicted[after_eos] != PAD).all()
uncut_accuracy = (predicted == tgt).all(dim=1).float().mean().item()
assert uncut_accuracy < sequence_accuracy

cut = predicted.masked_fill(after_eos, PAD)
assert (cut == tgt).all(dim=1).float().mean().item() == sequence_accuracy
# --8<-- [end:pitfall-eos]

# --8<-- [start:pitfall-shape]
from torch.nn.utils.rnn import pack_padded_sequence

src, lengths, tgt_in, tgt = make_batch(4, generator)
packed = pack_padded_sequence(model.embed(src), lengths, batch_first=True, enforce_sorted=False)
_, (h_n, c_n) = model.encoder(packed)
assert h_n.shape == (4, 4, 32)
try:
    model.decoder(model.embed(tgt_in), (h_n, c_n))
except RuntimeError as error:
    assert "Expected hidden[0] size (1, 4, 64), got [4, 4, 32]" in str(error)
else:
    raise AssertionError("the decoder accepted the encoder's h_n as it is")

h_0 = bridge_state(h_n, num_layers=2, bidirectional=True, decoder_layers=1)
c_0 = bridge_state(c_n, num_layers=2, bidirectional=True, decoder_layers=1)
output, _ = model.decoder(model.embed(tgt_in), (h_0, c_0))
assert h_0.shape == c_0.shape == (1, 4, 64) and output.shape == (4, tgt_in.shape[1], 64)
# --8<-- [end:pitfall-shape]

# --8<-- [start:pitfall-view]
H = 32
wrong = h_n.view(2, 4, 2 * H)[-1:]  # (1, N, 2H)
assert wrong.shape == h_0.shape
assert torch.equal(wrong[0, 0], torch.cat([h_n[2, 0], h_n[2, 1]]))
assert torch.equal(h_0[0, 0], torch.cat([h_n[2, 0], h_n[3, 0]]))
# --8<-- [end:pitfall-view]
