"""Find: flag posts that sell or seek a child under the cover of adoption (CONTRACTS §2).

The front object is :class:`cradlewatch.find.scanner.Scanner`;
:func:`cradlewatch.find.scanner.scan_posts` streams ``(post, finding)`` pairs. This package
module imports nothing heavy, so that the CLI starts fast.
"""
