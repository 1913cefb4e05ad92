"""The article as text: reading inputs (files, stdin, web pages, long files in parts),
its structure without web clutter, and its sentences.
"""
