"""Where a ring's posts say they are: posts per province, for the ring page's map."""

from __future__ import annotations

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from cradlewatch.store.schema import PlaceRow, RingMemberRow


def ring_provinces(session: Session, ring_id: str) -> dict[str, int]:
    """For each province named in the ring's posts, how many of its posts name it.

    A post naming two places in one province counts once there; a post naming two provinces
    counts in both (an advertiser "in 江苏, can deliver to 浙江" is about both).
    """
    query = (
        select(PlaceRow.province, func.count(distinct(PlaceRow.post_id)))
        .join(RingMemberRow, RingMemberRow.post_id == PlaceRow.post_id)
        .where(RingMemberRow.ring_id == ring_id, PlaceRow.province.is_not(None))
        .group_by(PlaceRow.province)
        .order_by(PlaceRow.province)
    )
    return {str(province): int(count) for province, count in session.execute(query)}
