"""What the words mean: JMdict and JMnedict, the glossaries, names, the sense a
sentence means, set expressions, grammar patterns, and the vocabulary items.
"""
