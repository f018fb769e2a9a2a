"""The newsletter's message type (registered with the engine at import time).

A leaf: the page model (its e-mail preview), the rendering and the newsletter's
sending all name it, and it imports nothing of theirs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .messages import NEWSLETTER, MessageType, register

TEMPLATE = "engagement_hub/mailings/email/newsletter"

NEWSLETTER_ISSUE = register(
    MessageType(
        name="mailings.newsletter",
        title=_("Newsletter issue"),
        template=TEMPLATE,
        purpose=NEWSLETTER,
        reason=_(
            "You get this newsletter because you subscribed to it and confirmed your "
            "address."
        ),
    )
)
