from gen.demo.allocation import apportion


def test_apportion_shares_the_whole_total_in_proportion():
    shares = apportion(170, {"11": 34, "84": 18, "06": 1})

    assert sum(shares.values()) == 170
    assert shares["11"] > shares["84"] > shares["06"]


def test_apportion_gives_remainders_to_the_largest_fractions():
    assert apportion(2, {"a": 0.5, "b": 0.3, "c": 0.2}) == {"a": 1, "b": 1, "c": 0}


def test_apportion_respects_floors_and_ceilings():
    shares = apportion(10, {"a": 1, "b": 0, "c": 1}, minimum={"b": 1}, maximum={"a": 2})

    assert shares == {"a": 2, "b": 1, "c": 7}


def test_apportion_stops_at_the_ceilings_when_the_total_cannot_fit():
    assert apportion(10, {"a": 1, "b": 1}, maximum={"a": 2, "b": 3}) == {"a": 2, "b": 3}
