"""The selection algorithms, in plain Python and numpy: no Django here, so they can be tested
exhaustively, benchmarked alone and run on millions of rows.

- `call_order`: a session's ranking re-ordered so that the minimum rates of priority publics hold
  (Parcoursup's "ordre d'appel", for several publics with a precedence);
- `deferred_acceptance`: a national round on compact arrays (candidate-proposing deferred acceptance,
  the candidate-optimal stable allocation), and `allocate`, the same on plain ids;
- `documents`: the JSON documents of `gen matching call-order|allocate` (examples in `docs/examples/`);
- `synthetic`: deterministic synthetic national rounds for benchmarks (`bench/matching.py`).
"""

from gen.matching.call_order import call_order
from gen.matching.deferred_acceptance import Allocation, deferred_acceptance
from gen.matching.rounds import RoundResult, allocate

__all__ = ["Allocation", "RoundResult", "allocate", "call_order", "deferred_acceptance"]
