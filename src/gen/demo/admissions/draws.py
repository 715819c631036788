"""Drawing from fixed weights many times over: the cumulative weights are summed once, not per draw as
`random.choices` does."""

import random
from bisect import bisect
from itertools import accumulate


class Weighted:
    def __init__(self, weights: dict):
        self.items = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]
