"""Link: join the posts that Find flags into the rings behind them.

Entry points: :class:`cradlewatch.link.pipeline.RingBuilder` (scanned posts in, ring profiles
out), :mod:`cradlewatch.link.evaluate` (B-cubed scores against ground truth) and the
``cradlewatch rings`` / ``cradlewatch evaluate rings`` commands.
"""
