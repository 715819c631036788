"""Sharing a whole number out by weights (largest remainder), with floors and ceilings."""

from collections.abc import Mapping


def apportion(
    total: int,
    weights: Mapping[str, float],
    *,
    minimum: Mapping[str, int] | None = None,
    maximum: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Share `total` out among the keys of `weights`, in proportion, as whole numbers.

    Each key gets at least its `minimum` and at most its `maximum`; when those bounds make `total`
    impossible, the result sums to the nearest feasible figure. Ties go to the first key.
    """
    keys = list(weights)
    floor = {key: (minimum or {}).get(key, 0) for key in keys}
    ceiling = {key: (maximum or {}).get(key, total) for key in keys}
    shares = {key: min(floor[key], ceiling[key]) for key in keys}
    remaining = total - sum(shares.values())
    while remaining > 0:
        open_keys = [key for key in keys if shares[key] < ceiling[key] and weights[key] > 0]
        if not open_keys:
            break
        weight_sum = sum(weights[key] for key in open_keys)
        ideal = {key: remaining * weights[key] / weight_sum for key in open_keys}
        given = 0
        for key in open_keys:
            whole = min(int(ideal[key]), ceiling[key] - shares[key])
            shares[key] += whole
            given += whole
        # What the whole parts leave goes one by one to the largest remainders.
        for key in sorted(open_keys, key=lambda key: (int(ideal[key]) - ideal[key], keys.index(key))):
            if given == remaining:
                break
            if shares[key] < ceiling[key]:
                shares[key] += 1
                given += 1
        remaining -= given
    return shares
