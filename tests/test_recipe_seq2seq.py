"""The seq2seq recipe on random configurations: the bridge, the encoder's state, the shapes."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

# Its tests stay on one pytest-xdist worker, the only one that imports the recipe (below).
pytestmark = pytest.mark.xdist_group("recipe-seq2seq")


@pytest.fixture(scope="module")
def recipe() -> ModuleType:
    # Imported when its tests run, not at collection: the module trains the page's model as it
    # is imported (about 3 s), and every pytest-xdist worker collects every test module.
    import snippets.recipe_seq2seq

    return snippets.recipe_seq2seq


@st.composite
def encoders(draw: st.DrawFn) -> dict:
    num_layers = draw(st.integers(1, 3))
    hidden = draw(st.integers(2, 6))
    return dict(
        num_layers=num_layers,
        bidirectional=draw(st.booleans()),
        decoder_layers=draw(st.integers(1, num_layers)),
        batch_first=draw(st.booleans()),
        hidden=hidden,
        proj_size=draw(st.integers(0, hidden - 1)),
        lengths=draw(st.lists(st.integers(1, 6), min_size=1, max_size=4)),
        seed=draw(st.integers(0, 2**16)),
    )


@given(encoders())
def test_bridge_concatenates_each_layers_directions_for_the_top_decoder_layers(
    recipe: ModuleType, c: dict
) -> None:
    torch.manual_seed(c["seed"])
    lstm = nn.LSTM(
        3,
        c["hidden"],
        c["num_layers"],
        batch_first=c["batch_first"],
        bidirectional=c["bidirectional"],
        proj_size=c["proj_size"],
    )
    lengths = torch.tensor(c["lengths"])
    x = torch.randn(len(lengths), int(lengths.max()), 3)
    if not c["batch_first"]:
        x = x.transpose(0, 1)
    packed = pack_padded_sequence(x, lengths, c["batch_first"], enforce_sorted=False)
    _, (h_n, c_n) = lstm(packed)
    directions = 2 if c["bidirectional"] else 1
    for state in (h_n, c_n):
        bridged = recipe.bridge_state(
            state, c["num_layers"], c["bidirectional"], c["decoder_layers"]
        )
        first = c["num_layers"] - c["decoder_layers"]
        expected = torch.stack(
            [
                torch.cat([state[layer * directions + d] for d in range(directions)], dim=1)
                for layer in range(first, c["num_layers"])
            ]
        )
        assert torch.equal(bridged, expected)


@given(encoders(), st.integers(1, 5))
def test_encoder_state_of_a_padded_batch_is_each_sequence_alone(
    recipe: ModuleType, c: dict, target: int
) -> None:
    torch.manual_seed(c["seed"])
    model = recipe.Seq2Seq(
        vocab_size=7,
        hidden_size=c["hidden"],
        num_layers=c["num_layers"],
        bidirectional=c["bidirectional"],
        decoder_layers=c["decoder_layers"],
    )
    lengths = torch.tensor(c["lengths"])
    src = torch.randint(0, 7, (len(lengths), int(lengths.max())))
    h_0, c_0 = model.encode(src, lengths)
    directions = 2 if c["bidirectional"] else 1
    assert h_0.shape == c_0.shape == (c["decoder_layers"], len(lengths), directions * c["hidden"])
    for n, length in enumerate(c["lengths"]):
        h_alone, c_alone = model.encode(src[n : n + 1, :length], torch.tensor([length]))
        torch.testing.assert_close(h_alone[:, 0], h_0[:, n])
        torch.testing.assert_close(c_alone[:, 0], c_0[:, n])
    tgt_in = torch.randint(0, 7, (len(lengths), target))
    assert model(src, lengths, tgt_in).shape == (len(lengths), target, 7)
    assert model.greedy_decode(src, lengths, max_len=target).shape == (len(lengths), target)


def test_greedy_decoding_feeds_back_its_own_predictions(recipe: ModuleType) -> None:
    torch.manual_seed(0)
    model = recipe.Seq2Seq(vocab_size=5, hidden_size=4, bos=0).eval()
    src, lengths = torch.randint(0, 5, (2, 3)), torch.tensor([3, 2])
    predicted = model.greedy_decode(src, lengths, max_len=4)
    tgt_in = torch.cat([torch.zeros(2, 1, dtype=torch.long), predicted[:, :-1]], dim=1)
    with torch.no_grad():
        assert torch.equal(model(src, lengths, tgt_in).argmax(dim=-1), predicted)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda r: r.bridge_state([1.0], 1, False, 1), TypeError, "must be a tensor"),
        (lambda r: r.bridge_state(torch.zeros(3, 2, 4), 1, True, 1), ValueError, "(2, N, H)"),
        (lambda r: r.bridge_state(torch.zeros(2, 2, 4), 1, True, 2), ValueError, "in 1..1"),
        (lambda r: r.Seq2Seq(5, 4, num_layers=1, decoder_layers=2), ValueError, "in 1..1"),
        (
            lambda r: r.Seq2Seq(5, 4).encode(
                torch.zeros(2, 3, dtype=torch.long), torch.tensor([4, 1])
            ),
            ValueError,
            "values in 1..3",
        ),
        (
            lambda r: r.Seq2Seq(5, 4).encode(torch.zeros(3, dtype=torch.long), torch.tensor([3])),
            ValueError,
            "(N, S)",
        ),
    ],
)
def test_bad_input_raises_a_clear_error(
    recipe: ModuleType, call, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call(recipe)
