"""Call order with minimum rates of priority publics ("ordre d'appel", as Parcoursup publishes it).

`call_order(ranking, groups, min_rates, precedence)` re-orders a session's ranking so that, for every
k, at least ⌈rate × k⌉ of the first k called belong to each priority public, as long as some of it
remain. At each position k (1, 2, …) a public's constraint is *binding* when fewer than rate × k of
the first k − 1 called belong to it and some of it remain uncalled; the next called is the best-ranked
remaining candidate who belongs to every binding public. When nobody does, the binding constraints of
lowest precedence are dropped one at a time until somebody does (all dropped: the best-ranked remaining).
The constraint of highest precedence is thus always met.

- `ranking`: candidate ids, best first (any hashable ids, each once);
- `groups`: {public: ids of its members}; ids absent from the ranking are ignored (they did not apply);
- `min_rates`: {public: minimum rate in percent, 0 to 100: int, float, Decimal or Fraction}; a public
  without a rate has no constraint;
- `precedence`: the publics with a rate, highest precedence first.

Rates are compared exactly, in integers: a float is read as the decimal it prints as, so 33.3 means
33.3 %, not the binary number nearest to it.
Candidates are kept in one queue per combination of publics, so each position costs the number of
combinations present (at most 2^P for P publics), not the number of candidates.
`docs/examples/call-order.json` is an example input for `gen matching call-order`.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Rational, Real


def call_order(
    ranking: Iterable[Hashable],
    groups: Mapping[Hashable, Iterable[Hashable]],
    min_rates: Mapping[Hashable, Real | Decimal],
    precedence: Sequence[Hashable],
) -> list:
    ranking = list(ranking)
    index = _index(ranking)
    publics = _publics(groups, min_rates, precedence)  # bit i of a membership mask = publics[i]
    rates = [_rate(public, min_rates[public]) for public in publics]
    mask = [0] * len(ranking)
    for bit, public in enumerate(publics):
        for member in set(groups[public]) & index.keys():
            mask[index[member]] |= 1 << bit
    queues: dict[int, list[int]] = {}  # candidates of each membership mask, best first
    for position, membership in enumerate(mask):
        queues.setdefault(membership, []).append(position)
    heads = dict.fromkeys(queues, 0)
    remaining = [sum(1 for membership in mask if membership >> bit & 1) for bit in range(len(publics))]
    called_in = [0] * len(publics)
    eligible_masks: dict[int, list[int]] = {}  # masks holding every public of a binding set
    order = []
    for k in range(1, len(ranking) + 1):
        binding = 0
        for bit, rate in enumerate(rates):
            # called_in < rate × k, with rate = numerator / denominator: exact integer comparison.
            if remaining[bit] and called_in[bit] * rate.denominator < rate.numerator * k:
                binding |= 1 << bit
        while True:
            if binding not in eligible_masks:
                eligible_masks[binding] = [m for m in queues if m & binding == binding]
            best = min(
                (queues[m][heads[m]] for m in eligible_masks[binding] if heads[m] < len(queues[m])),
                default=None,
            )
            if best is not None:
                break
            binding &= ~(1 << (binding.bit_length() - 1))  # drop the lowest precedence
        heads[mask[best]] += 1
        for bit in range(len(publics)):
            if mask[best] >> bit & 1:
                called_in[bit] += 1
                remaining[bit] -= 1
        order.append(ranking[best])
    return order


def _index(ranking: list) -> dict:
    index = {}
    for position, candidate in enumerate(ranking):
        if candidate in index:
            raise ValueError(f"candidate {candidate!r} appears twice in the ranking")
        index[candidate] = position
    return index


def _publics(groups, min_rates, precedence) -> list:
    seen = set()
    for public in precedence:
        if public in seen:
            raise ValueError(f"public {public!r} appears twice in the precedence")
        seen.add(public)
    for public in min_rates:
        if public not in groups:
            raise ValueError(f"public {public!r} has a minimum rate but no group of candidates")
        if public not in seen:
            raise ValueError(f"public {public!r} has a minimum rate but is missing from the precedence")
    return [public for public in precedence if public in min_rates]


def _rate(public, percent) -> Fraction:
    if isinstance(percent, bool) or not isinstance(percent, Real | Decimal):
        raise ValueError(f"the minimum rate of {public!r} must be a number, not {percent!r}")
    try:
        # A float is read as the decimal it prints as, so that 33.3 means 333/1000.
        exact = Fraction(percent) if isinstance(percent, Rational | Decimal) else Fraction(str(percent))
    except (ValueError, OverflowError):
        exact = None  # nan, infinities
    if exact is None or not 0 <= exact <= 100:
        raise ValueError(f"the minimum rate of {public!r} must be between 0 and 100, not {percent!r}")
    return exact / 100
