"""Lines a chat platform writes, not its users: joins, leaves, recalls, mutes, removals,
deleted messages and bare stickers.

A crawl of group chats captures them beside the messages, and in a group where a baby was
offered they would otherwise read as replies in a flagged thread, or carry a buyer's role
label only because it is his nickname ("江苏-领男宝 撤回了一条消息"). They say nothing about
anyone's intent, so Find reads no rule into them. Matched on the normalised text (simplified,
lower case), whole line.
"""

from __future__ import annotations

import re

_NAME = r".{1,40}?"
_EN_NAME = r"[^\d\n]{1,40}?"  # a display name in an English notice: "Nina left", not "we added 2k"
_SYSTEM_LINE = re.compile(
    "|".join(
        [
            # WeChat, QQ and Cantonese WhatsApp notices
            rf"{_NAME}\s?撤回了一条(?:成员)?消息",
            rf"{_NAME}\s?(?:加入了|加入)(?:群聊|本群|群组|该群|群)",
            rf"{_NAME}\s?(?:邀请|通过扫描).{{0,40}}加入了?(?:群聊|本群|群组)",
            rf"{_NAME}\s?退出了?(?:群聊|本群|群组)",
            rf"{_NAME}\s?(?:已)?被(?:管理员|群主|群管理)?(?:禁言|移出|踢出)(?:群聊|本群|群组|了)?.{{0,10}}",
            rf"{_NAME}\s?修改(?:了)?群名(?:称)?为.{{0,40}}",
            r"(?:此|该|这条)消息已(?:撤回|被删除|删除)",
            r"你删咗呢条讯息|你已删除此消息|此讯息已删除",
            # forum floors and comments removed by a moderator
            r"(?:该|此|本)?(?:楼层|楼|回复|帖子|评论)已被?(?:删除|屏蔽)",
            r"\[(?:deleted|removed)\]",
            # WhatsApp, Messenger and Telegram notices in English
            r"this message was deleted|you deleted this message|message deleted",
            rf"{_EN_NAME} (?:left|joined|joined the group|was removed|were removed|left the group)",
            rf"{_EN_NAME} (?:added|removed) {_EN_NAME}",
            rf"{_EN_NAME} joined using this group's invite link",
            rf"{_EN_NAME} changed (?:the group (?:name|description|icon)|this group's icon).{{0,60}}",
            # a sticker or an emoji-only reaction placeholder, alone
            r"\[(?:表情|动画表情|sticker|gif)\]",
        ]
    )
)


def is_system_line(normalised_text: str) -> bool:
    """Whether the whole (normalised) text is a platform's notice rather than a message."""
    return _SYSTEM_LINE.fullmatch(normalised_text.strip().strip('"“”「」')) is not None
