"""The synthetic scenario: a world modelled on the 2014 case, with ground truth.

Everything here is synthetic: names, numbers, sites and stories are generated from phrase banks
and random draws, so the demo, the tests and the benchmarks never touch a real person's data.
"""
