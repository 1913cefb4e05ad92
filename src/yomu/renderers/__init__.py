"""Renderers turn a :class:`~yomu.model.Document` into bytes a person or a tool reads.

Only renderers escape: every other stage handles plain text.
"""
